import Foundation
import LoaCore
import LoaStore
import Testing

/// Inbound (mobile-originated) messages: stored once however often a provider hands them
/// over, nothing lost, handed to one consumer, and forgotten with the rest of the personal data.
extension StoreConformance {
    static let inboundCases: [StoreConformance] = [
        StoreConformance(name: "an inbound message is stored once; a repeat by provider and id is recognised", check: inboundStoredOnce),
        StoreConformance(name: "inbound messages recorded concurrently are all kept, each once", check: concurrentInboundNothingLost),
        StoreConformance(name: "an inbound message is marked handled once and leaves the unhandled list", check: inboundHandledOnce),
        StoreConformance(name: "retention deletes inbound messages received before the horizon; ids are never reused", check: inboundRetention),
    ]

    static func inbound(
        _ id: String?, provider: String = "kannel", from: String = "0912345678", text: String = "HS 000.00.00.H15-241130-0001",
        at receivedAt: Date = Fixtures.now
    ) -> InboundMessage {
        InboundMessage(
            provider: provider, providerMessageId: id, from: try! PhoneNumber(parsing: from), to: "8088", text: text,
            receivedAt: receivedAt)
    }

    static func inboundStoredOnce(_ store: any Store) async throws {
        let first = inbound("mo-1", text: "Tra cứu hồ sơ 🙏")
        #expect(try await store.record([first]) == [true])
        #expect(try await store.record([first]) == [false], "the same provider and id again")
        var changed = first
        changed.text = "changed on the way"
        changed.receivedAt = Fixtures.now.addingTimeInterval(60)
        #expect(try await store.record([changed]) == [false], "a repeat is recognised by provider and id alone")
        let batch: [InboundMessage] = [
            inbound("mo-2"), inbound("mo-2"), inbound("mo-1", provider: "smpp"),
            inbound(nil, text: "no id"), inbound(nil, text: "no id"),
        ]
        let batchResults: [Bool] = try await store.record(batch)
        #expect(batchResults == [true, false, true, true, true], "repeats inside a batch count too; without an id every one is new")
        #expect(try await store.record([InboundMessage]()).isEmpty)

        let stored = try await store.inboundMessages(after: 0, limit: 100)
        let expected: [InboundMessage] = [first, batch[0], batch[2], batch[3], batch[4]]
        #expect(stored.map(\.message) == expected, "kept as first handed over, in order")
        #expect(stored.map(\.message.from.e164).allSatisfy { $0 == "+84912345678" })
        #expect(stored.allSatisfy { $0.handledAt == nil && $0.outcome == nil })
        #expect(zip(stored, stored.dropFirst()).allSatisfy { $0.id < $1.id })
        let rest = try await store.inboundMessages(after: stored[1].id, limit: 2)
        #expect(rest.map(\.id) == [stored[2].id, stored[3].id], "reading on from an id")
    }

    static func concurrentInboundNothingLost(_ store: any Store) async throws {
        // 8 callers at once, each with 25 messages of its own and the same 5 shared ones.
        let shared = (0..<5).map { inbound("shared-\($0)") }
        let results = try await withThrowingTaskGroup(of: [Bool].self) { group in
            for caller in 0..<8 {
                group.addTask {
                    let own = (0..<25).map { inbound("c\(caller)-m\($0)", from: "09123456\(String(format: "%02d", $0))") }
                    return try await store.record(own + shared)
                }
            }
            return try await group.reduce(into: [[Bool]]()) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0.prefix(25).allSatisfy { $0 } }, "every caller's own messages are new")
        let sharedStored: Int = results.map { (outcomes: [Bool]) -> Int in outcomes.suffix(5).filter { $0 }.count }.reduce(0, +)
        #expect(sharedStored == 5, "each shared message is new for exactly one caller")
        var all: [StoredInboundMessage] = []
        while true {
            let page = try await store.inboundMessages(after: all.last?.id ?? 0, limit: 64)
            if page.isEmpty { break }
            all += page
        }
        #expect(all.count == 8 * 25 + 5)
        #expect(Set(all.compactMap(\.message.providerMessageId)).count == all.count)
    }

    static func inboundHandledOnce(_ store: any Store) async throws {
        _ = try await store.record([inbound("a"), inbound("b"), inbound("c")])
        let unhandled = try await store.unhandledInboundMessages(limit: 10)
        #expect(unhandled.map(\.message.providerMessageId) == ["a", "b", "c"])
        let handledAt = Fixtures.now.addingTimeInterval(5)
        #expect(try await store.markInboundHandled(id: unhandled[1].id, outcome: "help", at: handledAt))
        #expect(try await store.markInboundHandled(id: unhandled[1].id, outcome: "opt_out", at: handledAt) == false, "handled already")
        #expect(try await store.markInboundHandled(id: 999_999, outcome: "help", at: handledAt) == false, "no such message")
        #expect(try await store.unhandledInboundMessages(limit: 10).map(\.message.providerMessageId) == ["a", "c"])
        #expect(try await store.unhandledInboundMessages(limit: 1).map(\.message.providerMessageId) == ["a"])
        let b = try #require(try await store.inboundMessages(after: unhandled[0].id, limit: 1).first)
        #expect(b.handledAt == handledAt)
        #expect(b.outcome == "help", "the first consumer's outcome stays")
    }

    static func inboundRetention(_ store: any Store) async throws {
        let (old, horizon, later) = retentionTimes()
        let oldOnes = (0..<5).map { inbound("old-\($0)", at: old) }
        _ = try await store.record(oldOnes + [inbound("recent", at: later)])
        let before = try await store.inboundMessages(after: 0, limit: 10)
        _ = try await store.markInboundHandled(id: before[0].id, outcome: "help", at: old)

        #expect(try await store.purgeable(horizon: horizon) == PurgeCounts(inbound: 5))
        #expect(try await store.inboundMessages(after: 0, limit: 10).count == 6, "a dry run deletes nothing")
        let step = try await store.purgePersonalData(horizon: horizon, limit: 2)
        #expect(step.inbound == 2, "one bounded step")
        #expect(try await store.purgeAll(horizon: horizon, batchSize: 2).inbound == 3, "handled or not")
        let kept = try await store.inboundMessages(after: 0, limit: 10)
        #expect(kept.map(\.message.providerMessageId) == ["recent"])

        // The purged provider ids are forgotten with their texts: a late repeat is taken as new,
        // under an id after every one given before, so a consumer reading on misses nothing.
        #expect(try await store.record([inbound("old-0", at: later)]) == [true])
        let newest = try #require(try await store.inboundMessages(after: kept[0].id, limit: 1).first)
        #expect(newest.id > before.map(\.id).max()!)
        // Even when the newest ones are purged too.
        #expect(try await store.purgeAll(horizon: later.addingTimeInterval(1)).inbound == 2)
        #expect(try await store.record([inbound("fresh", at: later)]) == [true])
        let fresh = try #require(try await store.inboundMessages(after: 0, limit: 10).first)
        #expect(fresh.message.providerMessageId == "fresh")
        #expect(fresh.id > newest.id)
    }
}
