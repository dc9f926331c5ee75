import Foundation
import LoaTestSupport
import Testing

/// Two workers must not share the provider files kept beside `database.path`.
@Suite("One worker per set of provider files")
struct WorkerFilesLockTests {
    @Test("a second worker on the same database.path refuses to start, naming the fix; it starts once the first has stopped")
    func secondWorkerRefused() async throws {
        let first = try LoaBinary()
        try await first.start()
        let second = try LoaBinary(database: first.databasePath)
        let refused = try await second.runFailing(["worker"])
        #expect(refused.status != 0)
        #expect(refused.error.contains("\(first.databasePath).worker.lock"))
        #expect(refused.error.contains("give each node its own database.path"))
        // An API-only node runs no provider services: it may share the path.
        let apiOnly = try LoaBinary(database: first.databasePath)
        try await apiOnly.start(extraArguments: ["--no-worker"])
        #expect(await apiOnly.terminate() == 0)
        #expect(await first.terminate() == 0)
        // The lock went with the first worker.
        try await second.startWorker()
        #expect(await second.terminate() == 0)
    }
}
