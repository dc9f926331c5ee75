public import AsyncHTTPClient

/// An HTTP client a provider owns: shut down by ``HTTPClientShutdown`` when the gateway stops,
/// or, when its services never ran (a command that only builds providers, a test on the
/// router), as the last reference goes; AsyncHTTPClient requires one or the other.
public final class OwnedHTTPClient: Sendable {
    public let client: HTTPClient

    /// Takes ownership of `client`.
    public init(_ client: HTTPClient) {
        self.client = client
    }

    /// Shuts the client down now (a second shutdown does nothing).
    public func shutdown() async throws {
        do {
            try await client.shutdown()
        } catch let error as HTTPClientError where error == .alreadyShutdown {
            return
        }
    }

    deinit {
        // Shutting down keeps the client alive until it is done; an error only says it already was.
        client.shutdown { _ in }
    }
}
