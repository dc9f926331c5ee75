public import CoreMetrics
public import Prometheus

/// One gateway's metrics: a Prometheus registry of its own and the swift-metrics factory that
/// writes into it. Nothing is bootstrapped process-wide, so several gateways in one process (as in
/// the tests) keep their figures apart; every part that records metrics is handed ``factory``.
///
/// ```swift
/// let metrics = GatewayMetrics()
/// let timer = CoreMetrics.Timer(label: "loa.provider.submission.duration", factory: metrics.factory)
/// metrics.registry.emitToString()   // Prometheus text format, as GET /metrics serves it
/// ```
public struct GatewayMetrics: Sendable {
    /// Where every series is kept and rendered from.
    public let registry: PrometheusCollectorRegistry
    /// swift-metrics' way into ``registry``: timers become histograms in seconds, and dotted
    /// labels become Prometheus names (`http.server.request.duration` →
    /// `http_server_request_duration_seconds`).
    public let factory: any MetricsFactory

    /// Timers' swift-metrics labels and the Prometheus names they are shown under.
    static let timerNames = [
        "http.server.request.duration": "http_server_request_duration_seconds",
        "loa.provider.submission.duration": "loa_provider_submission_duration_seconds",
    ]

    /// A new, empty registry.
    public init() {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.nameAndLabelSanitizer = { name, labels in
            (Self.timerNames[name] ?? name.replacingDots(), labels)
        }
        self.registry = registry
        self.factory = factory
    }
}

extension String {
    fileprivate func replacingDots() -> String {
        String(map { $0 == "." ? "_" : $0 })
    }
}
