import Foundation
import LoaCore
import LoaStore

/// Values the store tests share.
public enum Fixtures {
    public static let now = Date(timeIntervalSince1970: 1_796_000_000)
    public static let text = "Ho so 000.00.00.H15-241130-0001 da co ket qua."

    public static func event(_ id: String, dossier: String = "000.00.00.H15-241130-0001") -> DossierEvent {
        DossierEvent(
            eventId: id, source: "test", dossierCode: dossier, procedure: "cccd_issue", status: .received,
            occurredAt: now, applicantName: "Giàng A Vảng", applicantPhone: try! PhoneNumber(parsing: "0912345678"),
            locale: .hmong, commune: "na-u", dueDate: CalendarDay(year: 2026, month: 12, day: 5), note: nil)
    }

    public static func message(for event: DossierEvent, id: String) -> StoredMessage {
        var message = message(id: id, notBefore: now)
        message.dossierCode = event.dossierCode
        message.eventSource = event.source
        message.eventId = event.eventId
        return message
    }

    public static func message(id: String, priority: MessagePriority = .normal, notBefore: Date, recipient: String = "+84912345678") -> StoredMessage {
        StoredMessage(
            id: id, dossierCode: "000.00.00.H15-241130-0001", commune: "na-u", kind: .resultReady, locale: .vietnamese,
            priority: priority, recipient: recipient, text: text, encoding: .gsm7, segments: 1,
            createdAt: now, updatedAt: now, notBefore: notBefore, expiresAt: now.addingTimeInterval(7 * 86_400),
            eventSource: "test", eventId: "e-" + id)
    }

    /// Inserts messages through the inbox, one event each.
    public static func insert(_ store: any Store, _ messages: [StoredMessage]) async throws {
        let events = messages.map { event("insert-" + $0.id, dossier: "D-" + $0.id) }
        let byEvent = Dictionary(uniqueKeysWithValues: zip(events.map(\.eventId), messages))
        _ = try await store.ingest(events) { event, _ throws(IngestRejection) in
            EventPlan(messages: [byEvent[event.eventId]!], supersedesOlderMessages: false)
        }
    }

    /// Inserts, claims and records one message as sent.
    public static func sendOne(_ store: any Store, id: String, providerMessageId: String) async throws {
        try await insert(store, [message(id: id, notBefore: now)])
        let claimed = try await store.claimDue(now: now, limit: 1, leaseOwner: "w", leaseSeconds: 30)
        try await store.record([AttemptOutcome(messageId: id, attempt: claimed[0].attempt, provider: "p", result: .sent(providerMessageId: providerMessageId), finishedAt: now)])
    }

    public static func receipt(providerMessageId: String, _ status: ReceiptStatus) -> DeliveryReceipt {
        DeliveryReceipt(provider: "p", messageId: nil, providerMessageId: providerMessageId, status: status, detail: "test", receivedAt: now)
    }
}
