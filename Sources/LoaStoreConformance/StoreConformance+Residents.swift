import Foundation
import LoaCore
import LoaStore
import Testing

/// What residents ask for themselves: a stop honoured when messages come due, a chosen
/// language, one answer per inbound message, dossiers found only with the applicant's phone.
extension StoreConformance {
    static let residentCases: [StoreConformance] = [
        StoreConformance(name: "after a stop, normal and bulk messages end cancelled when due, urgent ones go; a resume lets later ones go", check: optOutCancelsAtClaim),
        StoreConformance(name: "an inbound message is answered once: changes, reply and handled mark together", check: inboundAnsweredOnce),
        StoreConformance(name: "a chosen language overrides the dossier system's for later events", check: chosenLanguageOverridesEvent),
        StoreConformance(name: "a dossier is found by code in any case with its applicant's phone only", check: dossierFoundOnlyWithApplicantPhone),
        StoreConformance(name: "a second stop keeps the first one's time and source; opt-outs list newest first", check: optOutsKeepFirstStop),
    ]

    static let resident = try! PhoneNumber(parsing: "0912345678")

    static func optOutCancelsAtClaim(_ store: any Store) async throws {
        let now = Fixtures.now
        try await Fixtures.insert(store, [
            Fixtures.message(id: "normal", notBefore: now),
            Fixtures.message(id: "bulk", priority: .bulk, notBefore: now),
            Fixtures.message(id: "urgent", priority: .urgent, notBefore: now),
            Fixtures.message(id: "other-phone", notBefore: now, recipient: "+84987654321"),
        ])
        try await store.change(.optOut(source: "sms:kannel"), for: resident, at: now)
        let claimed = try await store.claimDue(now: now, limit: 10, leaseOwner: "w", leaseSeconds: 30)
        #expect(Set(claimed.map(\.message.id)) == ["urgent", "other-phone"])
        for id in ["normal", "bulk"] {
            let message = try #require(try await store.message(id: id))
            #expect(message.state == .cancelled, "\(id)")
            #expect(message.lastError == ResidentPreferences.optedOutReason)
            #expect(message.attempts == 0)
        }

        try await store.change(.optIn, for: resident, at: now)
        #expect(try await store.preferences(of: resident).isOptedOut == false)
        try await Fixtures.insert(store, [Fixtures.message(id: "after-resume", notBefore: now)])
        let later = try await store.claimDue(now: now, limit: 10, leaseOwner: "w", leaseSeconds: 30)
        #expect(later.map(\.message.id) == ["after-resume"])
    }

    static func inboundAnsweredOnce(_ store: any Store) async throws {
        let now = Fixtures.now
        #expect(try await store.record([inbound("mo-1", text: "TC")]) == [true])
        let stored = try #require(try await store.unhandledInboundMessages(limit: 10).first)
        var reply = Fixtures.message(id: "reply-1", priority: .urgent, notBefore: now)
        reply.eventSource = "inbound"
        reply.eventId = "\(stored.id)"
        let answered = try await store.answer(
            inboundId: stored.id, outcome: "opted-out", changes: [.optOut(source: "sms:kannel"), .language(.hmong)], reply: reply, at: now)
        #expect(answered)
        let preferences = try await store.preferences(of: resident)
        #expect(preferences.optedOutAt == now)
        #expect(preferences.optOutSource == "sms:kannel")
        #expect(preferences.locale == .hmong)
        #expect(try await store.message(id: "reply-1")?.state == .pending)
        #expect(try await store.unhandledInboundMessages(limit: 10).isEmpty)
        #expect(try await store.inboundMessages(after: 0, limit: 10).first?.outcome == "opted-out")

        var second = reply
        second.id = "reply-2"
        let again = try await store.answer(inboundId: stored.id, outcome: "help", changes: [.optIn, .helpSent(onDay: 9)], reply: second, at: now)
        #expect(!again, "an inbound message is answered once")
        #expect(try await store.message(id: "reply-2") == nil)
        #expect(try await store.preferences(of: resident).isOptedOut, "nothing of the second answer was written")
        #expect(try await store.preferences(of: resident).helpSentOnDay == nil)
        #expect(try await store.answer(inboundId: 999_999, outcome: "help", changes: [], reply: nil, at: now) == false)
    }

    static func chosenLanguageOverridesEvent(_ store: any Store) async throws {
        try await store.change(.language(.vietnamese), for: resident, at: Fixtures.now)
        let event = Fixtures.event("e1")
        #expect(event.locale == .hmong)
        let outcomes = try await store.ingest([event]) { event, _ throws(IngestRejection) in
            var message = Fixtures.message(for: event, id: "m1")
            message.locale = event.locale
            return EventPlan(messages: [message], supersedesOlderMessages: false)
        }
        #expect(outcomes == [.accepted(messageIds: ["m1"])])
        #expect(try await store.message(id: "m1")?.locale == .vietnamese, "the plan saw the resident's own choice")
        #expect(try await store.preferences(of: try PhoneNumber(parsing: "0987654321")) == ResidentPreferences())
    }

    static func dossierFoundOnlyWithApplicantPhone(_ store: any Store) async throws {
        let event = Fixtures.event("e1")
        _ = try await store.ingest([event]) { _, _ throws(IngestRejection) in EventPlan(messages: [], supersedesOlderMessages: false) }
        let found = try await store.dossier(code: "000.00.00.h15-241130-0001", applicantPhone: resident)
        #expect(found?.snapshot.code == event.dossierCode)
        #expect(found?.snapshot.status == .received)
        #expect(found?.snapshot.commune == "na-u")
        #expect(found?.locale == .hmong)
        #expect(try await store.dossier(code: event.dossierCode, applicantPhone: try PhoneNumber(parsing: "0987654321")) == nil)
        #expect(try await store.dossier(code: "000.00.00.H15-241130-0002", applicantPhone: resident) == nil)
    }

    static func optOutsKeepFirstStop(_ store: any Store) async throws {
        let now = Fixtures.now
        let other = try PhoneNumber(parsing: "0987654321")
        try await store.change(.optOut(source: "sms:kannel"), for: resident, at: now)
        try await store.change(.optOut(source: "ussd"), for: resident, at: now.addingTimeInterval(60))
        try await store.change(.optOut(source: "operator:key_1"), for: other, at: now.addingTimeInterval(120))
        try await store.change(.language(.hmong), for: try PhoneNumber(parsing: "0911111111"), at: now)
        let list = try await store.optOuts(limit: 10)
        #expect(list == [
            OptOut(phone: other, optedOutAt: now.addingTimeInterval(120), source: "operator:key_1"),
            OptOut(phone: resident, optedOutAt: now, source: "sms:kannel"),
        ])
        #expect(try await store.optOuts(limit: 1).count == 1)
    }
}
