import Foundation
import LoaCore
import LoaStore
import LoaTestSupport
import LoaWorker
import Logging
import Testing

/// The inbound sink every adapter hands residents' messages to: committed when `receive`
/// returns, once however many times and however concurrently a message is handed over.
@Suite("Inbound sink")
struct StoreInboundSinkTests {
    @Test("100 concurrent hand-overs of 20 messages (each 5 times) are all committed when they return, each stored once")
    func concurrentHandOvers() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.path("loa.sqlite"))
        try await store.migrate()
        let sink = StoreInboundSink(messages: .inbound(into: store, maxMessagesPerCommit: 8), logger: Logger(label: "loa-test"))
        let from = try PhoneNumber(parsing: "0912345678")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for handOver in 0..<100 {
                group.addTask {
                    let message = InboundMessage(
                        provider: "kannel", providerMessageId: "mo-\(handOver % 20)", from: from, to: "8088", text: "DK \(handOver % 20)",
                        receivedAt: Date())
                    try await sink.receive(message)
                    // Returned: committed, whether this hand-over or an earlier one stored it.
                    let stored = try await store.inboundMessages(after: 0, limit: 100)
                    #expect(stored.contains { $0.message.providerMessageId == message.providerMessageId })
                }
            }
            try await group.waitForAll()
        }
        let stored = try await store.inboundMessages(after: 0, limit: 100)
        #expect(stored.count == 20)
        #expect(Set(stored.compactMap(\.message.providerMessageId)) == Set((0..<20).map { "mo-\($0)" }))
        #expect(stored.allSatisfy { $0.message.text == "DK " + $0.message.providerMessageId!.dropFirst(3) })
    }
}
