/// A Vietnamese mobile network. Derived from a number's prefix; numbers can be ported between
/// networks, so it is a routing hint, not a fact, and routes need a fallback.
public enum Carrier: String, Sendable, Codable, CaseIterable {
    /// Viettel: 032–039, 086, 096, 097, 098.
    case viettel
    /// VinaPhone: 081–085, 088, 091, 094.
    case vinaphone
    /// MobiFone: 070, 076–079, 089, 090, 093.
    case mobifone
    /// Vietnamobile: 052, 056, 058, 092.
    case vietnamobile
    /// Gmobile: 059, 099.
    case gmobile
    /// Itelecom: 087.
    case itelecom
    /// Reddi: 055.
    case reddi
}
