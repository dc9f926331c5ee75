import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import LoaConfig
import NIOCore
import NIOSSL

extension HTTPServerBuilder {
    /// HTTP/1.1 as `server.*` configures it: connections idle for `idleTimeout` are closed, and
    /// so are those whose first request head takes longer than `headerTimeout`; one address holds
    /// at most `maxConnectionsPerAddress` connections (more are closed at once); header fields are
    /// capped at `maxHeaderBytes` (answered `431`) and at 100 fields; over TLS when `tls` is given.
    static func loa(_ server: GatewayConfiguration.Server, tls: TLSConfiguration?) throws -> HTTPServerBuilder {
        let maxHeaderBytes = server.maxHeaderBytes
        let connections = server.maxConnectionsPerAddress > 0 ? ConnectionsPerAddress(limit: server.maxConnectionsPerAddress) : nil
        let headerTimeout = TimeAmount.nanoseconds(Int64(server.headerTimeoutSeconds * 1_000_000_000))
        let http1 = HTTP1Channel.Configuration(
            additionalChannelHandlers: [
                ConnectionLimitHandler(connections: connections, headerTimeout: headerTimeout),
                HeaderTooLargeHandler(maxHeaderBytes: maxHeaderBytes),
            ],
            idleTimeout: .nanoseconds(Int64(server.idleTimeoutSeconds * 1_000_000_000)),
            httpDecoderConfiguration: .init(maxHeaderFieldSize: maxHeaderBytes, maxHeaderListSize: maxHeaderBytes, maxHeaderFieldCount: 100))
        guard let tls else { return .http1(configuration: http1) }
        return try .tls(.http1(configuration: http1), tlsConfiguration: tls)
    }
}
