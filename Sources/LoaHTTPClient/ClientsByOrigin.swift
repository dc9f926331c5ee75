public import Foundation
import Synchronization

/// One ``KeepAliveHTTPClient`` per origin, made on first use: for callers that are handed
/// whole URLs (delivery report callbacks, test helpers) rather than one provider's origin.
public final class ClientsByOrigin: Sendable {
    private let maxConnections: Int
    private let maxBodyBytes: Int
    private let clients = Mutex([HTTPOrigin: KeepAliveHTTPClient]())

    /// Clients made here keep up to `maxConnections` each and accept bodies up to `maxBodyBytes`.
    public init(maxConnections: Int = 64, maxBodyBytes: Int = 1 << 20) {
        self.maxConnections = maxConnections
        self.maxBodyBytes = maxBodyBytes
    }

    /// The client for `url`'s origin and the request target for `url` on it.
    public func client(for url: URL) throws(HTTPClientFailure) -> (client: KeepAliveHTTPClient, target: String) {
        let origin = try HTTPOrigin(url)
        let client = clients.withLock { clients in
            if let client = clients[origin] { return client }
            let client = KeepAliveHTTPClient(origin: origin, maxConnections: maxConnections, maxBodyBytes: maxBodyBytes)
            clients[origin] = client
            return client
        }
        return (client, HTTPOrigin.target(of: url))
    }

    /// Closes every client's idle connections.
    public func closeIdleConnections() {
        for client in clients.withLock({ Array($0.values) }) { client.closeIdleConnections() }
    }
}
