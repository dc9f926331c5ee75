import Foundation
import LoaCore
import LoaProviders
import LoaSMPP
import LoaTestSupport
import Synchronization
import Testing

@Suite("SMPP window")
struct WindowTests {
    @Test("no more submit_sm are outstanding than the window; the others wait for a slot", arguments: [1, 3])
    func windowHolds(window: Int) async throws {
        let folder = try TemporaryFolder()
        let messages = 8
        let smsc = try await FakeSMSC(password: "right", holding: .init(outstanding: window, total: messages))
        let running = try RunningSMPP.start(port: smsc.port, ledgerPath: folder.path("parts.sqlite"), password: "right", window: window)
        #expect(try await running.waitForLink(.bound).state == .bound)
        let ids = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<messages {
                group.addTask { try await running.provider.submit(.test("msg_\(index)", text: "Ho so \(index) da co ket qua")) }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(Set(ids).count == messages)
        #expect(smsc.log.maxOutstanding == window)
        try await running.stop()
        try await smsc.stop()
    }
}

@Suite("SMPP window waits")
struct WindowWaitTests {
    /// An SMSC that never answers a submit_sm: each holds its slot for the whole timeout.
    static func silentSMSC() async throws -> FakeSMSC {
        try await FakeSMSC(password: "right", holding: .init(outstanding: Int.max, total: Int.max))
    }

    static func submitCount(_ smsc: FakeSMSC) -> Int {
        smsc.log.commands.filter { $0 == .submitSM }.count
    }

    @Test("a submission waiting for the window gives up, not sent, within the submission's time")
    func windowWaitEndsWithTheSubmission() async throws {
        let folder = try TemporaryFolder()
        let smsc = try await Self.silentSMSC()
        // Slots free only as answers time out (0.2 s each, one slot): a submission's whole time is
        // 0.8 s, so the twelfth in line would reach the SMSC only after 2.2 s if it kept waiting.
        let running = try RunningSMPP.start(port: smsc.port, ledgerPath: folder.path("parts.sqlite"), password: "right",
                                            timeoutSeconds: 0.2, window: 1)
        #expect(try await running.waitForLink(.bound).state == .bound)
        let submissions = 12
        let failures = await withTaskGroup(of: SubmitFailure?.self) { group in
            for index in 0..<submissions {
                group.addTask {
                    let request = try? SubmitRequest.test("msg_\(index)", text: "Ho so \(index) da co ket qua")
                    guard let request else { return SubmitFailure.permanent("test", "no request") }
                    do throws(SubmitFailure) {
                        _ = try await running.provider.submit(request)
                        return nil
                    } catch {
                        return error
                    }
                }
            }
            return await group.reduce(into: [SubmitFailure]()) { failures, failure in failure.map { failures.append($0) } }
        }
        #expect(failures.count == submissions)
        let givenUp = failures.filter { $0.code == "smpp_window_full" }
        #expect(!givenUp.isEmpty)
        #expect(givenUp.allSatisfy { $0.kind == .transient && $0.message.contains("not sent") })
        // What gave up never reached the SMSC.
        #expect(Self.submitCount(smsc) == submissions - givenUp.count)
        try await running.stop()
        try await smsc.stop()
    }

    @Test("a submission waiting for the window stops waiting when its task is cancelled")
    func windowWaitIsCancellable() async throws {
        let folder = try TemporaryFolder()
        let smsc = try await Self.silentSMSC()
        let running = try RunningSMPP.start(port: smsc.port, ledgerPath: folder.path("parts.sqlite"), password: "right",
                                            timeoutSeconds: 30, window: 1)
        #expect(try await running.waitForLink(.bound).state == .bound)
        let firstEnded = Flag()
        let first = Task {
            defer { firstEnded.set() }
            return try await running.provider.submit(.test("msg_first", text: "Ho so 1 da co ket qua"))
        }
        try await smsc.wait { $0.commands.contains(.submitSM) }
        let second = Task { try await running.provider.submit(.test("msg_second", text: "Ho so 2 da co ket qua")) }
        second.cancel()
        let result = await second.result
        // It ended while the first still held the only slot (its answer waits up to 30 s).
        #expect(!firstEnded.isSet)
        guard case let .failure(failure) = result else { Issue.record("the cancelled submission was sent: \(result)"); return }
        #expect((failure as? SubmitFailure)?.code == "smpp_window_full")
        #expect(Self.submitCount(smsc) == 1)
        try await running.stop()
        _ = await first.result
        try await smsc.stop()
    }
}

/// A flag tasks can share.
final class Flag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}
