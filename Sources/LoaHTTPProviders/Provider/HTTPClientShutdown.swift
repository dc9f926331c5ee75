public import ServiceLifecycle

/// Runs with the gateway and shuts the provider's HTTP client down when the gateway stops, so
/// its connections close cleanly.
public struct HTTPClientShutdown: Service {
    let client: OwnedHTTPClient

    /// Creates the service for `client`.
    public init(client: OwnedHTTPClient) {
        self.client = client
    }

    public func run() async throws {
        try? await gracefulShutdown()
        try await client.shutdown()
    }
}
