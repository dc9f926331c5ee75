import Foundation
import LoaCore
import LoaProviders
import LoaSMPP
import LoaTestSupport
import Synchronization
import Testing

@Suite("SMPP provider when the SMSC restarts", .enabled(if: SMPPSimulator.enabled))
struct RestartTests {
    @Test("the SMSC killed and restarted mid-batch: every message accepted, duplicates only for in-doubt submits")
    func restartMidBatch() async throws {
        let folder = try TemporaryFolder()
        // Answers held back 0.3 s, so submits are in flight (taken, unanswered) when the SMSC dies.
        let simulator = try await SMPPSimulator(options: ["--answer-delay", "0.3"])
        let running = try RunningSMPP.start(port: simulator.port, ledgerPath: folder.path("parts.sqlite"), timeoutSeconds: 5, window: 4)
        _ = try await running.waitForLink(.bound)
        let messages = 40
        let inDoubt = Tally()
        let killed = Tally()
        // Plays the dispatcher: each message is retried after a transient failure until accepted.
        // The first half goes at once; the second half only once the SMSC has been killed, so
        // the batch surely spans the restart.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<messages {
                group.addTask {
                    while index >= messages / 2, killed.count == 0 {
                        try await Task.sleep(for: .milliseconds(10))
                    }
                    let request = try SubmitRequest.test("msg_\(index)", to: "+849123\(String(format: "%05d", index))", text: "Ho so \(index) da co ket qua")
                    for _ in 0..<1_000 {
                        guard let failure = await Self.failure(submitting: request, to: running.provider) else { return }
                        guard failure.kind == .transient else {
                            Issue.record("msg_\(index): \(failure)")
                            return
                        }
                        if ["smpp_connection_lost", "smpp_timeout", "smpp_malformed_answer"].contains(failure.code) {
                            inDoubt.add()
                        }
                        try await Task.sleep(for: .milliseconds(50))
                    }
                    Issue.record("msg_\(index) never accepted")
                }
            }
            // Kill the SMSC once a quarter of the batch is in, then start it again on the same port.
            group.addTask {
                while try simulator.takenSubmits().count < messages / 4 {
                    try await Task.sleep(for: .milliseconds(5))
                }
                try await simulator.kill()
                killed.add()
                try await simulator.start()
            }
            try await group.waitForAll()
        }
        let taken = try simulator.takenSubmits()
        let perDestination = Dictionary(grouping: taken, by: \.destination).mapValues(\.count)
        #expect(perDestination.count == messages, "every message taken at least once")
        let duplicates = perDestination.values.reduce(0) { $0 + $1 - 1 }
        #expect(duplicates <= inDoubt.count, "a message is sent twice only when a submit of it was in doubt")
        try await running.stop()
        try await simulator.stop()
    }

    /// How submitting `request` failed; nil when it was accepted.
    static func failure(submitting request: SubmitRequest, to provider: SMPPProvider) async -> SubmitFailure? {
        do {
            _ = try await provider.submit(request)
            return nil
        } catch {
            return error
        }
    }
}

