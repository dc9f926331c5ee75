extension PhoneNumber {
    /// Decodes a number stored as its E.164 string, validated as by ``init(e164:)``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let e164 = try container.decode(String.self)
        do {
            try self.init(e164: e164)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    /// Encodes the number as its E.164 string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(e164)
    }
}
