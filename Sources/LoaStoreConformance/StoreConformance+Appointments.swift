import Foundation
import LoaCore
import LoaStore
import Testing

/// Appointments and their messages: booked together or not at all, a repeat recognised, changes
/// that cancel what is unsent and keep what went, and reads by day, commune and appointment.
extension StoreConformance {
    static let appointmentCases: [StoreConformance] = [
        StoreConformance(name: "a booking commits the appointment with its messages", check: bookingCommitsMessages),
        StoreConformance(name: "a repeated booking (same commune, phone and start) is recognised; a cancelled one may be booked again", check: repeatedBookingIsDuplicate),
        StoreConformance(name: "a refused booking writes nothing and leaves the rest of its batch in", check: refusedBookingWritesNothing),
        StoreConformance(name: "a change cancels unsent messages, keeps sent ones and adds its own", check: changeCancelsUnsentKeepsSent),
        StoreConformance(name: "a change outside the caller's commune is not found; a refused one writes nothing", check: changeScopeAndRefusal),
        StoreConformance(name: "a move onto another booking of the same resident and time is refused", check: moveOntoAnotherBooking),
        StoreConformance(name: "appointments are listed by start within a day, per commune or all", check: appointmentsListedByDay),
        StoreConformance(name: "retention deletes appointments that started before the horizon, nothing later", check: appointmentRetention),
    ]

    static let appointmentStart = Fixtures.now.addingTimeInterval(3 * 86_400)

    static func appointment(_ id: String, commune: String = "na-u", phone: String = "+84912345678", startsAt: Date = appointmentStart) -> Appointment {
        Appointment(
            id: id, commune: commune, applicantName: "Giàng A Vảng", phone: phone, locale: .hmong, dossierCode: nil,
            procedure: "cccd_issue", startsAt: startsAt, place: "Trụ sở UBND xã Na Ư", note: "mang ảnh",
            bookedBy: "key_1", createdAt: Fixtures.now, updatedAt: Fixtures.now)
    }

    /// A message of `appointment`, of `kind`, due at `due`.
    static func appointmentMessage(_ id: String, of appointment: Appointment, kind: NotificationKind, due: Date = Fixtures.now) -> StoredMessage {
        var message = Fixtures.message(id: id, priority: kind == .appointmentReminder ? .normal : .urgent, notBefore: due, recipient: appointment.phone)
        message.kind = kind
        message.dossierCode = appointment.dossierCode ?? ""
        message.commune = appointment.commune
        message.eventSource = Appointment.messageSource
        message.eventId = appointment.id
        message.expiresAt = appointment.startsAt
        return message
    }

    /// Books `appointment` with a confirmation and two reminders; returns their ids.
    @discardableResult
    static func book(_ store: any Store, _ appointment: Appointment, prefix: String) async throws -> [String] {
        let outcomes = try await store.book([appointment]) { booked throws(AppointmentRejection) in
            [
                appointmentMessage("\(prefix)-confirmed", of: booked, kind: .appointmentConfirmed),
                appointmentMessage("\(prefix)-reminder-24h", of: booked, kind: .appointmentReminder, due: booked.startsAt.addingTimeInterval(-86_400)),
                appointmentMessage("\(prefix)-reminder-2h", of: booked, kind: .appointmentReminder, due: booked.startsAt.addingTimeInterval(-7_200)),
            ]
        }
        guard case .booked(let stored, let ids) = outcomes.first else {
            Issue.record("expected a booking, got \(outcomes)")
            return []
        }
        #expect(stored == appointment)
        return ids
    }

    static func bookingCommitsMessages(_ store: any Store) async throws {
        let booked = appointment("apt-1")
        let ids = try await book(store, booked, prefix: "m")
        #expect(ids == ["m-confirmed", "m-reminder-24h", "m-reminder-2h"])
        #expect(try await store.appointment(id: "apt-1") == booked)
        #expect(try await store.appointment(id: "apt-none") == nil)
        let messages = try await store.appointmentMessages(appointmentId: "apt-1")
        #expect(Set(messages.map(\.id)) == Set(ids))
        #expect(messages.allSatisfy { $0.state == .pending && $0.eventId == "apt-1" && $0.commune == "na-u" })
        #expect(try await store.appointmentMessages(appointmentId: "apt-none").isEmpty)
        // The reminders wait for their time in the outbox; the confirmation is due now.
        let claimed = try await store.claimDue(now: Fixtures.now, limit: 10, leaseOwner: "w", leaseSeconds: 30)
        #expect(claimed.map(\.message.id) == ["m-confirmed"])
        let dayBefore = try await store.claimDue(now: appointmentStart.addingTimeInterval(-86_400), limit: 10, leaseOwner: "w", leaseSeconds: 30)
        #expect(dayBefore.map(\.message.id) == ["m-reminder-24h"])
    }

    static func repeatedBookingIsDuplicate(_ store: any Store) async throws {
        let first = appointment("apt-1")
        try await book(store, first, prefix: "m")
        let again = try await store.book([appointment("apt-2"), appointment("apt-3", phone: "+84987654321"), appointment("apt-4", phone: "+84987654321")]) { booked throws(AppointmentRejection) in
            [appointmentMessage("c-" + booked.id, of: booked, kind: .appointmentConfirmed)]
        }
        #expect(again.count == 3)
        #expect(again[0] == .duplicate(first), "same commune, phone and start as apt-1")
        guard case .booked(let third, _) = again[1] else {
            Issue.record("another phone at the same time is a booking of its own, got \(again[1])")
            return
        }
        #expect(again[2] == .duplicate(third), "a repeat inside one batch is recognised too")
        #expect(try await store.appointment(id: "apt-2") == nil)
        #expect(try await store.appointmentMessages(appointmentId: "apt-2").isEmpty)
        // Another commune, or another start, is another appointment.
        let other = try await store.book([appointment("apt-5", commune: "muong-nhe"), appointment("apt-6", startsAt: appointmentStart.addingTimeInterval(1800))]) { _ throws(AppointmentRejection) in [] }
        #expect(other.allSatisfy { if case .booked = $0 { true } else { false } })
        // Once apt-1 is cancelled, the same resident may be booked at that time again.
        let cancelled = try await store.changeAppointment(id: "apt-1", commune: nil) { current throws(AppointmentRejection) in
            var changed = current
            changed.status = .cancelled
            return AppointmentUpdate(appointment: changed, cancelsPendingMessages: true, cancellationReason: "appointment cancelled", messages: [])
        }
        guard case .changed(let afterCancel, _) = cancelled else {
            Issue.record("expected the cancellation to be written, got \(cancelled)")
            return
        }
        #expect(afterCancel.status == .cancelled)
        let rebooked = try await store.book([appointment("apt-7")]) { _ throws(AppointmentRejection) in [] }
        #expect(rebooked == [.booked(appointment("apt-7"), messageIds: [])])
    }

    static func refusedBookingWritesNothing(_ store: any Store) async throws {
        let outcomes = try await store.book([appointment("apt-a", phone: "+84911111111"), appointment("apt-b", phone: "+84922222222"), appointment("apt-c", phone: "+84933333333")]) { booked throws(AppointmentRejection) in
            if booked.id == "apt-b" { throw AppointmentRejection(code: "too_long", message: "too long", field: "applicant.name") }
            return [appointmentMessage("c-" + booked.id, of: booked, kind: .appointmentConfirmed)]
        }
        #expect(outcomes[1] == .rejected(AppointmentRejection(code: "too_long", message: "too long", field: "applicant.name")))
        #expect(try await store.appointment(id: "apt-b") == nil)
        #expect(try await store.message(id: "c-apt-b") == nil)
        #expect(try await store.appointment(id: "apt-a") != nil)
        #expect(try await store.message(id: "c-apt-c") != nil)
        #expect(try await store.book([]) { _ throws(AppointmentRejection) in [] }.isEmpty)
    }

    static func changeCancelsUnsentKeepsSent(_ store: any Store) async throws {
        let booked = appointment("apt-1")
        try await book(store, booked, prefix: "m")
        // The confirmation and the 24 h reminder went; the 2 h one waits.
        let dayBefore = appointmentStart.addingTimeInterval(-86_400)
        let claimed = try await store.claimDue(now: dayBefore, limit: 10, leaseOwner: "w", leaseSeconds: 30)
        #expect(Set(claimed.map(\.message.id)) == ["m-confirmed", "m-reminder-24h"])
        try await store.record(claimed.map {
            AttemptOutcome(messageId: $0.message.id, attempt: $0.attempt, provider: "p", result: .sent(providerMessageId: "p-" + $0.message.id), finishedAt: dayBefore)
        })
        let newStart = appointmentStart.addingTimeInterval(2 * 3600)
        let moved = try await store.changeAppointment(id: "apt-1", commune: "na-u") { current throws(AppointmentRejection) in
            #expect(current == booked, "the planner sees the appointment as stored")
            var changed = current
            changed.startsAt = newStart
            changed.place = "Nhà văn hoá bản Na Ư"
            changed.updatedAt = dayBefore
            return AppointmentUpdate(
                appointment: changed, cancelsPendingMessages: true, cancellationReason: "appointment moved",
                messages: [
                    appointmentMessage("m2-rescheduled", of: changed, kind: .appointmentRescheduled, due: dayBefore),
                    appointmentMessage("m2-reminder-2h", of: changed, kind: .appointmentReminder, due: newStart.addingTimeInterval(-7_200)),
                ])
        }
        guard case .changed(let after, let newIds) = moved else {
            Issue.record("expected the move to be written, got \(moved)")
            return
        }
        #expect(newIds == ["m2-rescheduled", "m2-reminder-2h"])
        #expect(after.startsAt == newStart)
        #expect(try await store.appointment(id: "apt-1") == after)
        let states = Dictionary(uniqueKeysWithValues: try await store.appointmentMessages(appointmentId: "apt-1").map { ($0.id, $0.state) })
        #expect(states == [
            "m-confirmed": .sent, "m-reminder-24h": .sent, "m-reminder-2h": .cancelled,
            "m2-rescheduled": .pending, "m2-reminder-2h": .pending,
        ])
        #expect(try await store.message(id: "m-reminder-2h")?.lastError == "appointment moved")
        // A change that cancels nothing leaves pending messages alone.
        _ = try await store.changeAppointment(id: "apt-1", commune: nil) { current throws(AppointmentRejection) in
            var changed = current
            changed.note = "updated"
            return AppointmentUpdate(appointment: changed, cancelsPendingMessages: false, cancellationReason: "", messages: [])
        }
        #expect(try await store.message(id: "m2-reminder-2h")?.state == .pending)
        #expect(try await store.appointment(id: "apt-1")?.note == "updated")
    }

    static func changeScopeAndRefusal(_ store: any Store) async throws {
        let booked = appointment("apt-1")
        try await book(store, booked, prefix: "m")
        let refusal = AppointmentRejection(code: "appointment_cancelled", message: "final", field: nil)
        let outside = try await store.changeAppointment(id: "apt-1", commune: "muong-nhe") { _ throws(AppointmentRejection) in
            Issue.record("the planner must not be asked about another commune's appointment")
            throw refusal
        }
        #expect(outside == .notFound)
        #expect(try await store.changeAppointment(id: "apt-none", commune: nil) { _ throws(AppointmentRejection) in throw refusal } == .notFound)
        let refused = try await store.changeAppointment(id: "apt-1", commune: nil) { _ throws(AppointmentRejection) in throw refusal }
        #expect(refused == .refused(refusal))
        #expect(try await store.appointment(id: "apt-1") == booked)
        #expect(try await store.appointmentMessages(appointmentId: "apt-1").allSatisfy { $0.state == .pending })
    }

    static func moveOntoAnotherBooking(_ store: any Store) async throws {
        try await book(store, appointment("apt-1"), prefix: "a")
        let later = appointmentStart.addingTimeInterval(3600)
        try await book(store, appointment("apt-2", startsAt: later), prefix: "b")
        let outcome = try await store.changeAppointment(id: "apt-2", commune: nil) { current throws(AppointmentRejection) in
            var changed = current
            changed.startsAt = appointmentStart
            return AppointmentUpdate(appointment: changed, cancelsPendingMessages: true, cancellationReason: "appointment moved",
                                     messages: [appointmentMessage("b2", of: changed, kind: .appointmentRescheduled)])
        }
        guard case .refused(let rejection) = outcome else {
            Issue.record("expected a refusal, got \(outcome)")
            return
        }
        #expect(rejection.code == "duplicate")
        #expect(rejection.field == "startsAt")
        #expect(try await store.appointment(id: "apt-2")?.startsAt == later)
        #expect(try await store.message(id: "b2") == nil)
        #expect(try await store.message(id: "b-reminder-2h")?.state == .pending)
    }

    static func appointmentsListedByDay(_ store: any Store) async throws {
        let day = appointmentStart
        try await book(store, appointment("apt-late", startsAt: day.addingTimeInterval(3600)), prefix: "l")
        try await book(store, appointment("apt-early", phone: "+84911111111", startsAt: day), prefix: "e")
        try await book(store, appointment("apt-other", commune: "muong-nhe", startsAt: day.addingTimeInterval(1800)), prefix: "o")
        try await book(store, appointment("apt-next-day", startsAt: day.addingTimeInterval(86_400)), prefix: "n")
        let end = day.addingTimeInterval(86_400)
        #expect(try await store.appointments(startingFrom: day, before: end, commune: nil).map(\.id) == ["apt-early", "apt-other", "apt-late"])
        #expect(try await store.appointments(startingFrom: day, before: end, commune: "na-u").map(\.id) == ["apt-early", "apt-late"])
        #expect(try await store.appointments(startingFrom: day, before: end, commune: "sin-thau").isEmpty)
        #expect(try await store.appointments(startingFrom: end, before: end.addingTimeInterval(86_400), commune: nil).map(\.id) == ["apt-next-day"])
    }

    static func appointmentRetention(_ store: any Store) async throws {
        let old = Fixtures.now.addingTimeInterval(-100 * 86_400)
        var past = appointment("apt-old", startsAt: old)
        past.createdAt = old.addingTimeInterval(-86_400)
        past.updatedAt = old.addingTimeInterval(-86_400)
        try await book(store, past, prefix: "old")
        try await book(store, appointment("apt-new", phone: "+84911111111"), prefix: "new")
        let horizon = Fixtures.now.addingTimeInterval(-90 * 86_400)
        #expect(try await store.purgeable(horizon: horizon).appointments == 1)
        #expect(try await store.appointment(id: "apt-old") != nil, "counting changes nothing")
        let removed = try await store.purgeAll(horizon: horizon, batchSize: 1)
        #expect(removed.appointments == 1)
        #expect(try await store.appointment(id: "apt-old") == nil)
        #expect(try await store.appointment(id: "apt-new") != nil)
        #expect(try await store.purgeable(horizon: horizon).appointments == 0)
    }
}
