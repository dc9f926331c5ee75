public import AsyncHTTPClient
import NIOCore

extension HTTPClient {
    /// The client every HTTP provider adapter sends through. Like `HTTPClient.shared` it lives as
    /// long as the process, but it keeps up to 512 connections per provider host rather than 8,
    /// so `dispatch.concurrency` (and the provider's `maxInFlight`) is what limits submissions.
    public static let providers: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 512)
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()
}
