import Synchronization

/// The connections open from each client address, shared by every connection's
/// ``ConnectionLimitHandler``: one address may hold at most `limit` of them
/// (`server.maxConnectionsPerAddress`), so one client cannot take every slot of
/// `server.maxConnections`.
final class ConnectionsPerAddress: Sendable {
    /// The most connections one address may hold open.
    let limit: Int
    private let open = Mutex<[String: Int]>([:])

    init(limit: Int) {
        self.limit = limit
    }

    /// Counts a new connection from `address` and returns true, or returns false (counting
    /// nothing) when the address already holds `limit`.
    func admit(_ address: String) -> Bool {
        open.withLock { open in
            let count = open[address, default: 0]
            guard count < limit else { return false }
            open[address] = count + 1
            return true
        }
    }

    /// Forgets one admitted connection from `address`.
    func release(_ address: String) {
        open.withLock { open in
            let count = open[address, default: 0] - 1
            open[address] = count > 0 ? count : nil
        }
    }

    /// Connections counted for `address` now.
    func count(_ address: String) -> Int {
        open.withLock { $0[address, default: 0] }
    }
}
