/// How a text's Vietnamese letters are treated before sending: an operator's choice per route or
/// template, because folding can lose meaning.
public enum EncodingPolicy: String, Sendable, Codable, CaseIterable {
    /// Keep the text as written (after typographic normalisation); Vietnamese marks force UCS-2.
    case unicode
    /// Fold Vietnamese to plain letters ("không dấu": no marks, đ→d, Đ→D).
    case fold
    /// Fold only when folding saves at least one part.
    case auto
}
