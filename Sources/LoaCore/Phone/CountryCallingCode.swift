/// The country calling codes assigned in ITU-T E.164 (as listed by libphonenumber), which are
/// prefix-free: no code is the start of another.
enum CountryCallingCode {
    /// The country calling code `digits` start with, or nil when they start with none.
    static func leading(_ digits: some Collection<UInt8>) -> Int? {
        guard digits.first != 0 else { return nil }
        var code = 0
        for digit in digits.prefix(3) {
            code = code * 10 + Int(digit)
            if isAssigned(code) { return code }
        }
        return nil
    }

    private static func isAssigned(_ code: Int) -> Bool {
        switch code {
        case
            1, 7, 20, 27, 30...34, 36, 39...41, 43...49, 51...58, 60...66, 81, 82, 84, 86,
            90...95, 98, 211...213, 216, 218, 220...258, 260...269, 290, 291, 297...299,
            350...359, 370...378, 380...383, 385...387, 389, 420, 421, 423, 500...509, 590...599,
            670, 672...683, 685...692, 800, 808, 850, 852, 853, 855, 856, 870, 878, 880...883,
            886, 888, 960...968, 970...977, 979, 992...996, 998:
            true
        default:
            false
        }
    }
}
