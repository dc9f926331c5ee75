import LoaSettings

extension GatewayConfiguration {
    /// Who may read `/metrics` (`metrics.access`).
    public enum MetricsAccess: String, Sendable, CaseIterable {
        /// Scrapers on this machine (127.0.0.0/8, ::1) without a key; elsewhere an operator or
        /// admin key, as for `key`. The default.
        case loopback
        /// Only requests with an operator or admin key (`Authorization: Bearer …`), from anywhere.
        case key
    }

    /// `metrics.access`: `loopback` (default) or `key`.
    static func metricsAccess(_ settings: LayeredSettings) throws(ConfigurationError) -> MetricsAccess {
        try settings.choice("metrics.access", default: .loopback)
    }
}
