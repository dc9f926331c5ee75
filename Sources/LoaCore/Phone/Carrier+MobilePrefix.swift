extension Carrier {
    /// The carrier that holds a national mobile prefix, given as the two digits after the
    /// leading 0 (91 for 091); nil when the prefix is not a mobile one.
    init?(mobilePrefix: Int) {
        switch mobilePrefix {
        case 32...39, 86, 96, 97, 98: self = .viettel
        case 81...85, 88, 91, 94: self = .vinaphone
        case 70, 76...79, 89, 90, 93: self = .mobifone
        case 52, 56, 58, 92: self = .vietnamobile
        case 59, 99: self = .gmobile
        case 87: self = .itelecom
        case 55: self = .reddi
        default: return nil
        }
    }
}
