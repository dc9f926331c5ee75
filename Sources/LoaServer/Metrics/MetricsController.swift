import Foundation
import Hummingbird
import LoaConfig
import LoaCore
import NIOCore
import Prometheus

/// `GET /metrics`: the gateway's metrics in Prometheus text format (version 0.0.4). Who may read
/// them is `metrics.access`: `loopback` lets scrapers on this machine in without a key and asks
/// anyone else for an operator or admin key; `key` asks everyone for one.
struct MetricsController: Sendable {
    let metrics: GatewayMetrics
    let sampler: MetricsSampler
    let access: GatewayConfiguration.MetricsAccess

    func addRoutes(to router: Router<LoaRequestContext>) {
        router.get("/metrics") { _, context in
            try authorize(context)
            try await sampler.sample(now: Date())
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: metrics.registry.emitToBuffer())))
        }
    }

    private func authorize(_ context: LoaRequestContext) throws {
        if access == .loopback, context.apiKey == nil, let address = context.clientAddress, Self.isLoopback(address) {
            return
        }
        _ = try context.require(.operator)
    }

    /// Whether `address` is on this machine: 127.0.0.0/8, ::1, or 127.x mapped into IPv6.
    static func isLoopback(_ address: String) -> Bool {
        address.hasPrefix("127.") || address == "::1" || address.lowercased().hasPrefix("::ffff:127.")
    }
}
