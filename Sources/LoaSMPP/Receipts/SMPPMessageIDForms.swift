/// The ways one SMSC message id can be written, so that a receipt matches its submit_sm_resp
/// when the SMSC writes the id in hexadecimal in one and in decimal in the other (as many do).
///
/// The answer's id `R` and the receipt's id `T` match when they are equal ignoring case, or
/// when `R` read as hexadecimal equals `T` read as decimal, or `R` read as decimal equals `T`
/// read as hexadecimal.
struct SMPPMessageIDForms: Equatable {
    /// The id lowercased.
    let raw: String
    /// Its value read as hexadecimal (decimal digits of the value), when it is hexadecimal and fits 64 bits.
    let hexValue: String?
    /// Its value read as decimal, when it is decimal and fits 64 bits.
    let decimalValue: String?

    init(_ id: String) {
        raw = id.lowercased()
        hexValue = UInt64(raw, radix: 16).map { String($0) }
        decimalValue = UInt64(raw, radix: 10).map { String($0) }
    }
}
