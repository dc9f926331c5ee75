public import Foundation
public import LoaCore
public import LoaStore

/// Messages with known fates for statistics tests and the dashboard's: created at seeded random
/// times, communes, kinds, locales, carriers and segment counts, then moved through the real
/// store operations (cancel, claim, submit outcomes, delivery receipts) to the state each was
/// drawn. Tests count ``messages`` themselves and compare with what the store reports.
///
/// ```swift
/// let seed = StatisticsSeed.make(count: 300, seed: 7, createdFrom: start, createdTo: end)
/// try await seed.apply(to: store, at: end)
/// ```
public struct StatisticsSeed: Sendable {
    /// What becomes of a seeded message.
    public enum Fate: Sendable, CaseIterable {
        case pending, cancelled, failed, sent, delivered, undelivered

        /// The state the message ends in.
        public var state: MessageState {
            switch self {
            case .pending: .pending
            case .cancelled: .cancelled
            case .failed: .failed
            case .sent: .sent
            case .delivered: .delivered
            case .undelivered: .undelivered
            }
        }
    }

    /// One seeded message and its fate.
    public struct Seeded: Sendable {
        public let message: StoredMessage
        public let fate: Fate
        /// The provider that took it; nil for those never submitted.
        public let provider: String?
    }

    public static let communes = ["na-u", "muong-nhe", "si-pa-phin"]
    public static let kinds: [NotificationKind] = [.resultReady, .supplementRequired, .dossierReceived, .appointmentReminder]
    public static let providers = ["alpha", "beta"]
    /// Recipients' prefixes: Viettel, Vinaphone, Mobifone, and a foreign number (carrier unknown).
    public static let prefixes = ["+8498", "+8491", "+8470", "+4479"]

    public let messages: [Seeded]

    /// `count` messages created between `createdFrom` and `createdTo` (exclusive), drawn from `seed`.
    public static func make(count: Int, seed: UInt64, createdFrom: Date, createdTo: Date) -> StatisticsSeed {
        var generator = SeededGenerator(seed: seed)
        let span = createdTo.timeIntervalSince(createdFrom)
        let messages = (0..<count).map { index -> Seeded in
            let created = createdFrom.addingTimeInterval((Double.random(in: 0..<span, using: &generator) * 1000).rounded(.down) / 1000)
            let fate = Fate.allCases.randomElement(using: &generator)!
            let digits = (0..<7).map { _ in String(Int.random(in: 0...9, using: &generator)) }.joined()
            let message = StoredMessage(
                id: OpaqueID.make(prefix: "msg", epochMilliseconds: created.epochMilliseconds, using: &generator), dossierCode: "SEED-\(index)",
                commune: communes.randomElement(using: &generator)!, kind: kinds.randomElement(using: &generator)!,
                locale: Bool.random(using: &generator) ? .vietnamese : .hmong, priority: .normal,
                recipient: prefixes.randomElement(using: &generator)! + digits, text: "Seeded message \(index).",
                encoding: .gsm7, segments: Int.random(in: 1...3, using: &generator), createdAt: created, updatedAt: created,
                notBefore: fate == .pending ? createdTo.addingTimeInterval(30 * 86_400) : created,
                expiresAt: createdTo.addingTimeInterval(60 * 86_400), eventSource: "seed", eventId: "seed-\(index)")
            let submitted = fate == .sent || fate == .delivered || fate == .undelivered || fate == .failed
            return Seeded(message: message, fate: fate, provider: submitted ? providers.randomElement(using: &generator)! : nil)
        }
        return StatisticsSeed(messages: messages)
    }

    /// Stores the messages and moves each to its fate at `now` (after every creation time).
    public func apply(to store: any Store, at now: Date) async throws {
        let byEvent = Dictionary(uniqueKeysWithValues: messages.map { ($0.message.eventId, $0.message) })
        for chunk in stride(from: 0, to: messages.count, by: 500).map({ Array(messages[$0..<min($0 + 500, messages.count)]) }) {
            let events = try chunk.map { seeded in
                let message = seeded.message
                return DossierEvent(
                    eventId: message.eventId, source: "seed", dossierCode: message.dossierCode, procedure: "cccd_issue",
                    status: .received, occurredAt: message.createdAt, applicantName: "Seed", applicantPhone: try PhoneNumber(e164: message.recipient),
                    locale: message.locale, commune: message.commune, dueDate: nil, note: nil)
            }
            _ = try await store.ingest(events) { event, _ throws(IngestRejection) in
                EventPlan(messages: byEvent[event.eventId].map { [$0] } ?? [], supersedesOlderMessages: false)
            }
        }
        let cancelled = messages.filter { $0.fate == .cancelled }.map(\.message.id)
        if !cancelled.isEmpty { _ = try await store.cancel(ids: cancelled, reason: "seeded", at: now) }
        let fates = Dictionary(uniqueKeysWithValues: messages.map { ($0.message.id, $0) })
        var receipts: [DeliveryReceipt] = []
        while true {
            let claimed = try await store.claimDue(now: now, limit: 500, leaseOwner: "seed", leaseSeconds: 600)
            if claimed.isEmpty { break }
            try await store.record(claimed.map { claim in
                let seeded = fates[claim.message.id]!
                let provider = seeded.provider ?? "alpha"
                let result: AttemptOutcome.Result = seeded.fate == .failed
                    ? .failed(failure: .permanent("seeded", "seeded failure"), reason: "seeded failure")
                    : .sent(providerMessageId: "pm-" + claim.message.id)
                if seeded.fate == .delivered || seeded.fate == .undelivered {
                    receipts.append(DeliveryReceipt(
                        provider: provider, messageId: claim.message.id, providerMessageId: "pm-" + claim.message.id,
                        status: seeded.fate == .delivered ? .delivered : .undelivered, detail: "seeded", receivedAt: now))
                }
                return AttemptOutcome(messageId: claim.message.id, attempt: claim.attempt, provider: provider, result: result, finishedAt: now)
            })
        }
        for start in stride(from: 0, to: receipts.count, by: 500) {
            try await store.record(Array(receipts[start..<min(start + 500, receipts.count)]))
        }
    }
}
