import LoaStore
import Logging
import PostgresNIO

extension PostgresStore {
    /// Serialises, per (provider, provider message id), a submit answer that gives a message
    /// its provider id with a delivery report found by that id only.
    ///
    /// Without it, under READ COMMITTED, a report could look for the id while the answer's
    /// transaction had not committed (not found: kept as waiting), and commit while the
    /// answer's statement that looks for waiting reports was already running on an older
    /// snapshot: neither would apply it, and the delivered message would end `unreported`.
    /// Each side takes these transaction locks in a statement of its own before anything else,
    /// all at once in key order (so two transactions never wait for each other crosswise): the
    /// later one's next statements then see what the earlier one committed.
    static func lockProviderIds(_ pairs: [(provider: String, providerMessageId: String)], _ connection: PostgresSession, _ logger: Logger) async throws {
        let keys = Array(Set(pairs.map { providerIdLockKey(provider: $0.provider, providerMessageId: $0.providerMessageId) })).sorted()
        guard !keys.isEmpty else { return }
        // unnest returns the keys in array order, and the locks are taken row by row in it.
        try await connection.query("SELECT pg_advisory_xact_lock(k) FROM unnest(\(keys)::bigint[]) AS u(k)", logger: logger)
    }

    /// A 64-bit FNV-1a hash of the provider and its message id (a collision only makes two
    /// unrelated writes wait for each other).
    static func providerIdLockKey(provider: String, providerMessageId: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in provider.utf8 + [0x1F] + providerMessageId.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }
}
