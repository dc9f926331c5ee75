import Synchronization

/// The messages a dispatcher holds under its lease: claimed, and not yet written back or
/// released. Their leases are renewed while they are held, so a submission that runs long (a
/// slow provider, a rate limit, a store that cannot record for a while) is never taken back by
/// another node and sent twice.
final class HeldClaims: Sendable {
    private let ids = Mutex(Set<String>())

    /// Holds newly claimed messages.
    func hold(_ messageIds: some Sequence<String>) {
        ids.withLock { $0.formUnion(messageIds) }
    }

    /// Lets go of messages whose outcome is written, that were released, or that are left to lapse.
    func letGo(_ messageIds: some Sequence<String>) {
        ids.withLock { $0.subtract(messageIds) }
    }

    /// The messages held now.
    var all: [String] { ids.withLock { Array($0) } }
}
