import Foundation
import GRDB
import LoaTestSupport
import Testing

/// `loa backup` against a live `loa serve` taking events, and `loa restore` of what it wrote.
@Suite("loa backup and restore, end to end", .serialized)
struct BackupTests {
    @Test("a backup taken while events pour in restores intact, with every event accepted before it began")
    func backupUnderLoad() async throws {
        let loa = try LoaBinary()
        let ingest = try await loa.createKey(role: "ingest")
        try await loa.start()
        let ledger = AcceptedEvents()
        let backupPath = loa.folder.path("backup.sqlite")
        var acceptedBefore: [String: [String]] = [:]

        try await withThrowingTaskGroup(of: Void.self) { clients in
            for client in 0..<4 {
                clients.addTask { try await Self.post(from: client, to: loa, key: ingest, into: ledger) }
            }
            // Wait for a thousand accepted answers (not for a time), then back up while the
            // clients keep posting.
            try await ledger.waitForCount(1000)
            acceptedBefore = await ledger.accepted
            let output = try await loa.run(["backup", backupPath])
            #expect(output.contains("backed up"))
            await ledger.stop()
            try await clients.waitForAll()
        }
        #expect(await loa.terminate() == 0)

        // The live database, its -wal and -shm and the backup are the owner's only.
        for file in [loa.databasePath, loa.databasePath + "-wal", loa.databasePath + "-shm", backupPath]
        where FileManager.default.fileExists(atPath: file) {
            #expect(try Self.mode(file) == 0o600, "\(file)")
        }
        #expect(await loa.run(["backup", backupPath], expectingFailure: "already exists"))

        let restored = try LoaBinary()
        let output = try await restored.run(["restore", backupPath])
        #expect(output.contains("integrity ok"))
        #expect(try Self.mode(restored.databasePath) == 0o600)
        #expect(await restored.run(["restore", backupPath], expectingFailure: "already exists"))

        let before = acceptedBefore
        let live = try DatabaseQueue(path: loa.databasePath)
        let copy = try DatabaseQueue(path: restored.databasePath)
        let liveMigrations = try await live.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid") }
        try await copy.read { db in
            #expect(try String.fetchAll(db, sql: "PRAGMA integrity_check") == ["ok"])
            #expect(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid") == liveMigrations)
            let events = Set(try String.fetchAll(db, sql: "SELECT event_id FROM events"))
            let missing = before.keys.filter { !events.contains($0) }
            #expect(missing.isEmpty, "\(missing.count) of \(before.count) events accepted before the backup are missing, e.g. \(missing.prefix(3))")
            let messages = Set(try String.fetchAll(db, sql: "SELECT id FROM messages"))
            let missingMessages = before.values.joined().filter { !messages.contains($0) }
            #expect(missingMessages.isEmpty, "\(missingMessages.count) messages of events accepted before the backup are missing")
        }
        #expect(acceptedBefore.values.allSatisfy { !$0.isEmpty }, "each event made a message")

        // The restored database serves: a replay of an event accepted before is a duplicate.
        let restoredKey = try await restored.createKey(role: "ingest")
        try await restored.start()
        let replayId = try #require(acceptedBefore.keys.first)
        let replay = try await HTTPJSON.send(
            .POST, "\(restored.baseURL)/v1/dossier-events", key: restoredKey,
            json: Events.make(replayId, dossier: "B-\(replayId)", locale: "vi", status: 2))
        #expect((replay.json["results"] as? [[String: Any]])?.first?["outcome"] as? String == "duplicate")
        #expect(await restored.terminate() == 0)
    }

    /// Posts batches of 20 events until the ledger stops, recording the accepted ones; waits a
    /// second after a `429` (a rate limit).
    static func post(from client: Int, to loa: LoaBinary, key: String, into ledger: AcceptedEvents) async throws {
        var batch = 0
        while await !ledger.isStopped {
            let ids = (0..<20).map { "load-\(client)-\(batch)-\($0)" }
            let events = ids.map { Events.make($0, dossier: "B-\($0)", locale: "vi", status: 2) }
            let reply = try await HTTPJSON.send(.POST, "\(loa.baseURL)/v1/dossier-events", key: key, json: ["events": events])
            if reply.status == 429 {
                try await Task.sleep(for: .seconds(1))
                continue
            }
            guard reply.status == 202 else { throw HarnessError("ingest answered \(reply.status): \(reply.text)") }
            var accepted: [String: [String]] = [:]
            for result in reply.json["results"] as? [[String: Any]] ?? [] where result["outcome"] as? String == "accepted" {
                if let id = result["eventId"] as? String { accepted[id] = result["messageIds"] as? [String] ?? [] }
            }
            await ledger.record(accepted)
            batch += 1
        }
    }

    static func mode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }
}

/// The events answered `accepted`, with their message ids, as the clients hear of them.
actor AcceptedEvents {
    private(set) var accepted: [String: [String]] = [:]
    private(set) var isStopped = false

    func record(_ events: [String: [String]]) {
        accepted.merge(events) { $1 }
    }

    func stop() { isStopped = true }

    /// Returns once `count` events were accepted; a safety net of five minutes only.
    func waitForCount(_ count: Int) async throws {
        let giveUp = ContinuousClock.now + .seconds(300)
        while accepted.count < count {
            guard ContinuousClock.now < giveUp else { throw HarnessError("only \(accepted.count) of \(count) events accepted") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

extension LoaBinary {
    /// Runs a command that must fail; true when it did, with `message` in its standard error.
    func run(_ arguments: [String], expectingFailure message: String) async -> Bool {
        guard let (status, error, _) = try? await runFailing(arguments) else { return false }
        return status != 0 && error.contains(message)
    }
}
