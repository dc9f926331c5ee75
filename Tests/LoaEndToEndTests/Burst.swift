import Foundation
import LoaCore
import LoaPeers
import LoaStore
import LoaTestSupport
import Synchronization
import Testing

/// A burst of dossier events posted by four clients to one node or several, while the test
/// kills nodes or stops the database: what is left to send, what the nodes answered, and the
/// checks that every event made exactly one message, delivered, submitted once besides the
/// resends of in-doubt attempts.
final class Burst: Sendable {
    let queue: Mutex<[Int]>
    let accepted = Mutex([String: [String]]())
    let duplicates = Mutex(Set<String>())

    init(batchCount: Int) {
        queue = Mutex(Array(0..<batchCount))
    }

    /// `eventCount` events (`crash-N`, dossier `CRASH-N`, every other one in Mông) in batches of `size`.
    static func batches(eventCount: Int, size: Int) throws -> [Data] {
        try stride(from: 0, to: eventCount, by: size).map { start in
            let events = (start..<min(start + size, eventCount)).map { index in
                Events.make("crash-\(index)", dossier: "CRASH-\(index)", locale: index % 2 == 0 ? "vi" : "hmn", status: 9)
            }
            return try JSONSerialization.data(withJSONObject: ["events": events])
        }
    }

    /// A configuration file sending through `kannel` (Loa's Kannel adapter), with `extra`
    /// `key: value` lines for the provider; the caller removes it.
    static func configuration(sendingThrough kannel: FakeKannel, extra: [String]) throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("loa-burst-\(UUID().uuidString).yaml")
        try ([
            "dispatch:", "  provider: kannel", "providers:", "  kannel:", "    type: kannel", "    url: \(kannel.sendURL)",
            "    username: loa", "    password: loa-secret", "    receiptSecret: burst-test-receipt-secret-of-32-bytes-or-more",
        ] + extra.map { "    " + $0 }).joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// How many events have been answered `accepted` so far.
    var acceptedCount: Int { accepted.withLock { $0.count } }

    /// Posts every batch from four clients, each turning to the next of `urls` after a failure;
    /// a batch without a 202 (no answer, a node killed, a 503 while the database is away) goes
    /// back on the queue and is sent again.
    func post(_ batches: [Data], to urls: [String], key: String) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for client in 0..<4 {
                group.addTask {
                    var target = client % urls.count
                    while let index = self.queue.withLock({ $0.popLast() }) {
                        do {
                            let reply = try await HTTPJSON.send(.POST, urls[target], key: key, body: batches[index], timeout: 10)
                            guard reply.status == 202 else { throw HarnessError("status \(reply.status)") }
                            try self.record(reply)
                        } catch let error as UnexpectedResult {
                            throw error
                        } catch {
                            self.queue.withLock { $0.insert(index, at: 0) }
                            target = (target + 1) % urls.count
                            try await Task.sleep(for: .milliseconds(100))
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    private func record(_ reply: HTTPJSON.Reply) throws {
        for result in reply.json["results"] as? [[String: Any]] ?? [] {
            let eventId = result["eventId"] as? String ?? "?"
            switch result["outcome"] as? String {
            case "accepted": accepted.withLock { $0[eventId] = result["messageIds"] as? [String] ?? [] }
            case "duplicate": duplicates.withLock { _ = $0.insert(eventId) }
            default: throw UnexpectedResult(result: "\(result)")
            }
        }
    }

    /// Waits (polling the store, at most `limit`) until nothing is pending, sending or sent
    /// without a report; lapsed leases come back by themselves. The counts by state at the end.
    func drain(_ store: any Store, within limit: Duration) async throws -> [MessageState: Int] {
        let started = ContinuousClock.now
        var counts = try await store.countsByState()
        while ContinuousClock.now - started < limit, (counts[.pending] ?? 0) + (counts[.sending] ?? 0) + (counts[.sent] ?? 0) > 0 {
            try await Task.sleep(for: .milliseconds(200))
            counts = try await store.countsByState()
        }
        return counts
    }

    /// Checks what the burst left in `store`; returns the number of in-doubt attempts.
    func verify(_ store: any Store, eventCount: Int, counts: [MessageState: Int],
                sourceLocation: SourceLocation = #_sourceLocation) async throws -> Int {
        let acceptedEvents = accepted.withLock { $0 }
        let total = counts.values.reduce(0, +)
        // Every event got in exactly once (accepted in an answered request, or in one whose
        // answer was lost, which the retry then reports as duplicate).
        #expect(Set(acceptedEvents.keys).union(duplicates.withLock { $0 }).count == eventCount, sourceLocation: sourceLocation)
        #expect(total == eventCount, "messages by state: \(counts)", sourceLocation: sourceLocation)
        if counts[.delivered] != eventCount {
            let undelivered = try await store.messages(in: [.failed, .expired, .undelivered], createdSince: .distantPast, limit: 5)
            Issue.record("messages by state: \(counts); for example: \(undelivered.map { "\($0.id) \($0.state) after \($0.attempts) attempts: \($0.lastError ?? "-")" })",
                         sourceLocation: sourceLocation)
        }
        for (eventId, ids) in acceptedEvents {
            #expect(ids.count == 1, "\(eventId) produced \(ids)", sourceLocation: sourceLocation)
            let dossier = "CRASH-" + eventId.dropFirst("crash-".count)
            let stored = try await store.messages(dossierCode: dossier, commune: nil)
            #expect(stored.map(\.id) == ids, "\(eventId): stored \(stored.map(\.id)) answered \(ids)", sourceLocation: sourceLocation)
        }
        let inDoubt = try await store.inDoubtAttemptCount()
        var resent = 0
        for (_, ids) in acceptedEvents {
            guard let id = ids.first else { continue }
            let attempts = try await store.attempts(messageId: id)
            // Accepted once by an answered attempt, or by one a kill left in doubt; never left open.
            let sent = attempts.filter { $0.outcome == .sent }.count
            let doubted = attempts.contains { $0.outcome == .inDoubt }
            #expect(sent == 1 || (sent == 0 && doubted), "\(id) was accepted by the provider \(sent) times: \(attempts.map(\.outcome))",
                    sourceLocation: sourceLocation)
            #expect(!attempts.contains { $0.outcome == .open }, "\(id) has an attempt left open: \(attempts.map(\.outcome))",
                    sourceLocation: sourceLocation)
            resent += attempts.filter { $0.outcome == .inDoubt }.count
        }
        #expect(resent <= inDoubt, sourceLocation: sourceLocation)
        return inDoubt
    }

    /// One line for the test log.
    func summary(inDoubt: Int, counts: [MessageState: Int]) -> String {
        "\(acceptedCount) accepted in answered requests, \(duplicates.withLock { $0.count }) accepted in requests whose answer was cut off, "
            + "\(inDoubt) in-doubt attempts resent (possible duplicates at the provider), final states \(counts)"
    }
}

/// An event answered neither `accepted` nor `duplicate`: a bug to report, not a failure to retry.
struct UnexpectedResult: Error, CustomStringConvertible {
    let result: String
    var description: String { "unexpected result \(result)" }
}
