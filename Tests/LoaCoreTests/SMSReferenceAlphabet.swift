/// The GSM 03.38 alphabet written out from 3GPP TS 23.038, independently of the implementation.
enum SMSReferenceAlphabet {
    /// The default alphabet in code order 0x00–0x7F, with the escape (0x1B) left out.
    static let defaultAlphabet: [Unicode.Scalar] = Array((
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ" + "ÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
    ).unicodeScalars)

    /// The extension table (each character is escape + code: two septets).
    static let extensionTable: [Unicode.Scalar] = ["\u{0C}", "^", "{", "}", "\\", "[", "~", "]", "|", "€"]
}
