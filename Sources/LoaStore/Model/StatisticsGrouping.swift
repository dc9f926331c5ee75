/// What statistics are broken down by (`groupBy` of `GET /v1/stats`).
public enum StatisticsGrouping: String, Sendable, CaseIterable, Codable {
    /// The provider of each message's latest attempt (`none` before any).
    case provider
    /// The Vietnamese network of the recipient's prefix (`unknown` for foreign numbers and for
    /// numbers removed after retention).
    case carrier
    case commune
    case locale
    case kind
    /// The Vietnam calendar day (Asia/Ho_Chi_Minh) the message was created, `2026-12-05`.
    case day
}
