import Foundation
import LoaCore
import LoaProviders
import LoaSMPP
import LoaTestSupport
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
