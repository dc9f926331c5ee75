/// A combining mark Vietnamese letters are written with when not precomposed (NFD text, or
/// "Unicode tổ hợp" from older keyboards): a vowel mark or a tone mark.
enum VietnameseCombiningMark: Equatable {
    /// U+0306 breve, U+0302 circumflex or U+031B horn.
    case vowelMark(VietnameseLetter.VowelMark)
    /// U+0300 grave, U+0301 acute, U+0309 hook above, U+0303 tilde or U+0323 dot below
    /// (and the deprecated tone marks U+0340 and U+0341).
    case tone(VietnameseLetter.Tone)

    /// The mark `scalar` is, or nil when it is none of them.
    init?(_ scalar: Unicode.Scalar) {
        switch scalar.value {
        case 0x0306: self = .vowelMark(.breve)
        case 0x0302: self = .vowelMark(.circumflex)
        case 0x031B: self = .vowelMark(.horn)
        case 0x0300, 0x0340: self = .tone(.grave)
        case 0x0301, 0x0341: self = .tone(.acute)
        case 0x0309: self = .tone(.hookAbove)
        case 0x0303: self = .tone(.tilde)
        case 0x0323: self = .tone(.dotBelow)
        default: return nil
        }
    }
}
