import Foundation
import LoaConfig
import LoaPostgres
@testable import LoaServer
import LoaStore
import LoaTestSupport
import PostgresNIO
import Testing

/// The dossier watcher against a real table in a PostgreSQL cluster of its own: concurrent
/// writers, transactions that commit out of order, the source stopped and started, the
/// watcher restarted, the notification trigger. Serialized: one test stops the cluster.
@Suite("Dossier watcher", .serialized, .enabled(if: WatcherPeer.enabled, WatcherPeer.skipReason), .timeLimit(.minutes(5)))
struct DossierWatcherTests {
    @Test("changes from several connections at once, some committing out of order, each become exactly one event")
    func concurrentChangesBecomeOneEventEach() async throws {
        try await WatcherPeer.withSource { source in
            let rig = try await WatcherRig.make(source: source)
            let rows = 40
            try await rig.watching {
                try await source.insert(0..<rows, status: 4)
                // The inserts read first: a state overwritten before the watcher reads its row
                // is not a change it can see (it reads rows, not a change log).
                try await rig.wait("the inserts' events") { try rig.events().count == rows }
                // Four connections move ten dossiers each to resultReady, two per transaction,
                // pausing inside it, so commits interleave and land out of stamp order.
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for writer in 0..<4 {
                        group.addTask {
                            for pair in stride(from: writer * 10, to: writer * 10 + 10, by: 2) {
                                try await source.transaction { connection in
                                    try await connection.query(PostgresQuery(unsafeSQL: "UPDATE dossiers SET status = 9, updated_at = now() WHERE code = 'D-\(pair)'"), logger: WatcherPeer.logger)
                                    try await connection.query(PostgresQuery(unsafeSQL: "SELECT pg_sleep(\(writer == 0 ? 0.3 : 0.02))"), logger: WatcherPeer.logger)
                                    try await connection.query(PostgresQuery(unsafeSQL: "UPDATE dossiers SET status = 9, updated_at = now() WHERE code = 'D-\(pair + 1)'"), logger: WatcherPeer.logger)
                                }
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                try await rig.wait("\(2 * rows) events") { try rig.events().count >= 2 * rows }
                // A few more reads: nothing read twice, nothing more.
                try await rig.waitForSteps(3)
            }
            let counts = try rig.eventCounts()
            #expect(counts.count == 2 * rows)
            #expect(counts.values.allSatisfy { $0 == 1 })
            for number in 0..<rows {
                #expect(counts["D-\(number)#4"] == 1)
                #expect(counts["D-\(number)#9"] == 1)
            }
            let cursor = try #require(try await rig.cursor())
            #expect(cursor.changes == 2 * rows)
            #expect(cursor.rejected == 0)
            #expect(cursor.lastError == nil)
            // The same rules as the API: a resultReady event queues its message.
            let messages = try await rig.gateway.store.messages(dossierCode: "D-7", commune: nil)
            #expect(messages.count == 1)
            #expect(messages.first?.recipient == "+84912300007")
        }
    }

    @Test("a transaction still open holds the read horizon back: its change, stamped earlier but committed later, is not passed over")
    func openTransactionHoldsTheHorizon() async throws {
        try await WatcherPeer.withSource { source in
            // No safety lag: only the open-transaction rule keeps the early stamp from being passed.
            let rig = try await WatcherRig.make(source: source, ["watchers.w.safetyLag": "0s"])
            try await source.insert(0..<2, status: 4)
            try await rig.watching {
                try await rig.wait("the inserts' events") { try rig.events().count == 2 }
                let (release, released) = AsyncStream<Void>.makeStream()
                let (stamped, stampedSignal) = AsyncStream<Void>.makeStream()
                let early = Task {
                    try await source.transaction { connection in
                        try await connection.query("UPDATE dossiers SET status = 9, updated_at = now() WHERE code = 'D-0'", logger: WatcherPeer.logger)
                        stampedSignal.yield()
                        for await _ in release { break }
                    }
                }
                for await _ in stamped { break }
                try await source.update(1, status: 9)   // stamped later, committed first
                try await rig.waitForSteps(3)
                // While the early transaction is open, nothing stamped after its start is read.
                #expect(try rig.eventCounts()["D-1#9"] == nil)
                released.yield()
                try await early.value
                try await rig.wait("both changes") { try rig.events().count == 4 }
                try await rig.waitForSteps(2)
            }
            let counts = try rig.eventCounts()
            #expect(counts == ["D-0#4": 1, "D-1#4": 1, "D-0#9": 1, "D-1#9": 1])
        }
    }

    @Test("the source stopped and started: the watcher logs, backs off, resumes from its cursor; nothing missed or repeated, no phone number logged")
    func survivesSourceRestart() async throws {
        try await WatcherPeer.withSource { source in
            let rig = try await WatcherRig.make(source: source)
            try await rig.watching {
                try await source.insert(0..<10, status: 4)
                try await rig.wait("the first events") { try rig.events().count == 10 }
                try await source.cluster.stop()
                try await rig.wait("the failure recorded") { try await rig.cursor()?.lastError != nil }
                try await source.cluster.start()
                try await source.insert(10..<20, status: 4)
                for number in 0..<5 { try await source.update(number, status: 9) }
                try await rig.wait("the events after the restart") { try rig.events().count == 25 }
                try await rig.wait("the failure cleared") { try await rig.cursor()?.lastError == nil }
                try await rig.waitForSteps(2)
            }
            let counts = try rig.eventCounts()
            #expect(counts.count == 25)
            #expect(counts.values.allSatisfy { $0 == 1 })
            #expect(try await rig.cursor()?.changes == 25)
            let warnings = rig.logs.all.filter { $0.hasPrefix("warning") }
            #expect(warnings.contains { $0.contains("cannot read its source") })
            #expect(!rig.logs.all.contains { $0.contains("912300") || $0.contains("0912") })
        }
    }

    @Test("a restarted watcher resumes from its cursor: changes made while it was stopped come once, earlier ones never again")
    func resumesFromItsCursor() async throws {
        try await WatcherPeer.withSource { source in
            let rig = try await WatcherRig.make(source: source)
            try await source.insert(0..<5, status: 4)
            try await rig.watching {
                try await rig.wait("the first events") { try rig.events().count == 5 }
            }
            for number in 0..<3 { try await source.update(number, status: 9) }
            try await source.insert(5..<8, status: 4)
            // A second gateway on the same store, as after a restart of the process.
            let restarted = try await WatcherRig.make(source: source, ["database.path": rig.folder.path("loa.sqlite")])
            try await restarted.watching {
                try await restarted.wait("the changes made while stopped") { try restarted.events().count == 11 }
                try await restarted.waitForSteps(2)
            }
            let counts = try restarted.eventCounts()
            #expect(counts.count == 11)
            #expect(counts.values.allSatisfy { $0 == 1 })
            // Read once each: the cursor counted 11 changes in all, not 16.
            #expect(try await restarted.cursor()?.changes == 11)
        }
    }

    @Test("two nodes on one store watch one source: one reads it, the other takes over from the shared cursor when it stops")
    func oneNodeReadsASourceAtATime() async throws {
        try await WatcherPeer.withSource { source in
            let first = try await WatcherRig.make(source: source)
            let second = try await WatcherRig.make(source: source, ["database.path": first.databasePath])
            try await source.insert(0..<5, status: 4)
            let leading = first.start()
            try await first.wait("the first node's events") { try first.events().count == 5 }
            let following = second.start()
            try await second.wait("the second node following") { second.logged("another Loa node reads") }
            try await source.insert(5..<8, status: 4)
            try await first.wait("the leader's next events") { try first.events().count == 8 }
            leading.cancel()
            _ = await leading.result
            try await source.insert(8..<11, status: 4)
            try await second.wait("the second node taking over") { try second.events().count == 11 }
            #expect(second.logged("this node now reads"))
            try await second.waitForSteps(2)
            following.cancel()
            _ = await following.result
            let counts = try second.eventCounts()
            #expect(counts.count == 11)
            #expect(counts.values.allSatisfy { $0 == 1 })
            // The follower resumed from the leader's cursor: 11 changes read in all, none twice.
            #expect(try await second.cursor()?.changes == 11)
        }
    }

    @Test("a timestamp without time zone column is read in watchers.<name>.timeZone: its changes come at once, at the instant they were made")
    func wallClockColumnReadInItsTimeZone() async throws {
        try await WatcherPeer.withSource { source in
            // The server's sessions in UTC; the table keeps Vietnam's wall-clock time.
            try await source.execute("ALTER DATABASE loa SET TimeZone = 'UTC'")
            try await source.execute("CREATE TABLE local_dossiers (LIKE dossiers INCLUDING DEFAULTS)")
            try await source.execute("""
                ALTER TABLE local_dossiers ALTER COLUMN updated_at DROP DEFAULT,
                    ALTER COLUMN updated_at TYPE timestamp without time zone,
                    ALTER COLUMN updated_at SET DEFAULT (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')
                """)
            let rig = try await WatcherRig.make(source: source, [
                "watchers.w.table": "local_dossiers", "watchers.w.timeZone": "Asia/Ho_Chi_Minh", "watchers.w.start": "now",
            ])
            try await rig.watching {
                try await rig.wait("the starting cursor") { try await rig.cursor() != nil }
                try await source.insert(0..<3, status: 4, into: "local_dossiers")
                try await rig.wait("the changes") { try rig.events().count == 3 }
            }
            let now = Date()
            for instant in try rig.eventInstants() {
                #expect(abs(instant.timeIntervalSince(now)) < 120, "occurredAt \(instant) is not the instant the row was changed (now \(now))")
            }
            let lag = try #require(try await rig.cursor()?.lagSeconds(now: Date()))
            #expect(lag < 120)
        }
    }

    @Test("a watcher that starts from now passes over what changed before it first ran")
    func startsFromNow() async throws {
        try await WatcherPeer.withSource { source in
            // No safety lag, so that "now" is after the inserts below (with a lag, changes younger than
            // it when the watcher starts are still read).
            let rig = try await WatcherRig.make(source: source, ["watchers.w.start": "now", "watchers.w.safetyLag": "0s"])
            try await source.insert(0..<3, status: 4)
            try await rig.watching {
                try await rig.wait("the starting cursor") { try await rig.cursor() != nil }
                try await source.update(1, status: 9)
                try await rig.wait("the change made after the start") { try rig.events().count == 1 }
                try await rig.waitForSteps(2)
            }
            #expect(try rig.eventCounts() == ["D-1#9": 1])
        }
    }

    @Test("install-trigger: changes wake the watcher at once; uninstall-trigger removes trigger and function; a view is refused")
    func triggerWakesTheWatcher() async throws {
        try await WatcherPeer.withSource { source in
            // An hour between polls: only a notification can bring the change in time.
            let rig = try await WatcherRig.make(source: source, ["watchers.w.poll": "1h", "watchers.w.safetyLag": "0s"])
            let watcher = rig.gateway.configuration.watchers[0]
            let channel = try await WatcherTriggers.install(watcher, logger: WatcherPeer.logger)
            #expect(channel == "loa_watch_w")
            let installed = try await source.triggerObjects(named: channel)
            #expect(installed.triggers == 1)
            #expect(installed.functions == 1)
            // Installing again replaces it.
            _ = try await WatcherTriggers.install(watcher, logger: WatcherPeer.logger)
            #expect(try await source.triggerObjects(named: channel).triggers == 1)
            try await rig.watching {
                try await rig.wait("the first read") { try await rig.cursor() != nil }
                try await rig.wait("the watcher listening") { try await source.someoneListens(on: channel) }
                try await source.insert(0..<1, status: 9)
                try await rig.wait("the notified change", seconds: 30) { try rig.events().count == 1 }
            }
            let removed = try await WatcherTriggers.uninstall(watcher, logger: WatcherPeer.logger)
            #expect(removed)
            let left = try await source.triggerObjects(named: channel)
            #expect(left.triggers == 0)
            #expect(left.functions == 0)
            let again = try await WatcherTriggers.uninstall(watcher, logger: WatcherPeer.logger)
            #expect(!again)

            try await source.execute("CREATE VIEW dossier_view AS SELECT * FROM dossiers")
            var onView = watcher
            onView.table.relation = "dossier_view"
            await #expect(throws: WatchedTableIsView.self) {
                _ = try await WatcherTriggers.install(onView, logger: WatcherPeer.logger)
            }
        }
    }

    @Test("a row the event rules refuse is counted and logged with its id and field, and does not stop the rest")
    func refusedRowsDoNotStopTheWatcher() async throws {
        try await WatcherPeer.withSource { source in
            let rig = try await WatcherRig.make(source: source)
            try await source.execute("""
                INSERT INTO dossiers (code, status, procedure, phone, name) VALUES
                    ('D-bad-phone', 4, 'cccd_issue', '0912-not-a-phone', 'A'), ('D-bad-procedure', 4, 'no_such', '0912300001', 'B'),
                    ('D-good', 4, 'cccd_issue', '0912300002', 'C')
                """)
            try await rig.watching {
                try await rig.wait("the rows read") { try await rig.cursor()?.changes == 3 }
            }
            #expect(try rig.eventCounts() == ["D-good#4": 1])
            #expect(try await rig.cursor()?.rejected == 2)
            let refusals = rig.logs.all.filter { $0.contains("breaks the event rules") }
            #expect(refusals.contains { $0.contains("error.field=applicant.phone") && $0.contains("dossier.code=D-bad-phone") })
            #expect(refusals.contains { $0.contains("error.field=procedure") })
            #expect(!rig.logs.all.contains { $0.contains("0912-not-a-phone") || $0.contains("0912300002") })
        }
    }
}
