extension SMSEncoding {
    /// Units one unsplit message carries: 160 septets (GSM-7) or 70 UTF-16 code units (UCS-2).
    var singlePartCapacity: Int {
        switch self {
        case .gsm7: 160
        case .ucs2: 70
        }
    }

    /// Units each part of a concatenated message carries once the 6-byte User Data Header is
    /// taken: 153 septets (GSM-7) or 67 UTF-16 code units (UCS-2).
    var concatenatedPartCapacity: Int {
        switch self {
        case .gsm7: 153
        case .ucs2: 67
        }
    }

    /// Units `scalar` takes in this encoding: septets in GSM-7 (2 for an extension-table
    /// character), UTF-16 code units in UCS-2 (2 outside the Basic Multilingual Plane).
    /// Only meaningful for GSM-7 when the scalar is in the GSM-7 alphabet.
    @inline(__always)
    func units(for scalar: Unicode.Scalar) -> Int {
        switch self {
        case .gsm7: GSM7Alphabet.septets(for: scalar)
        case .ucs2: scalar.value > 0xFFFF ? 2 : 1
        }
    }
}
