/// The inside of every error the API writes: `{"code", "message", "field"}`, with `field`
/// written as `null` when no field is at fault. Used by ``APIError`` and per-event ingest results.
struct ErrorDetail: Encodable, Sendable {
    let code: String
    let message: String
    let field: String?

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(message, forKey: .message)
        try container.encode(field, forKey: .field)
    }

    enum CodingKeys: String, CodingKey { case code, message, field }
}
