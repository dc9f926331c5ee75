public import Foundation

/// Secrets the gateway makes for itself (the dashboard's session signing key), kept in the
/// store so that they survive restarts and every node sharing the store uses the same.
public protocol SecretKeeping: Sendable {
    /// The secret stored under `name`; the first call stores what `make` returns. Two nodes
    /// asking at once both get the one stored first.
    func secret(named name: String, createdWith make: @Sendable () -> Data) async throws -> Data
}
