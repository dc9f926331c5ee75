import Foundation
import LoaConfig
import LoaCore
import LoaStore
import LoaTemplates
import LoaTestSupport
import LoaWorker
import Testing

/// Appointment messages rendered from the shipped catalog and reference data, and booking
/// drafts validated field by field, on a clock the tests move.
@Suite("Appointment planning")
struct AppointmentPlannerTests {
    static let root = Repository.root
    static let catalog = try! TemplateCatalog.load(from: root.appendingPathComponent("templates"))
    static let reference = try! ReferenceData.load(
        proceduresFile: root.appendingPathComponent("config/procedures.yaml").path,
        communesFile: root.appendingPathComponent("config/communes.yaml").path)

    static func vn(_ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        CalendarDay(year: 2026, month: 12, day: day)!.vietnamTime(hour: hour, minute: minute)
    }

    let clock = ManualClock(AppointmentPlannerTests.vn(2, 10))

    var planner: AppointmentPlanner {
        AppointmentPlanner(
            scheduler: AppointmentScheduler(reminders: ReminderPolicy(quietHours: .standard)), reference: Self.reference,
            composer: MessageComposer(catalog: Self.catalog, quietHours: .standard), now: { [clock] in clock.now })
    }

    var validator: AppointmentValidator {
        AppointmentValidator(reference: Self.reference, allowForeignNumbers: false, now: { [clock] in clock.now })
    }

    func draft(startsAt: Date = AppointmentPlannerTests.vn(5, 7, 30)) -> AppointmentDraft {
        AppointmentDraft(
            applicantName: " Giàng A Vảng ", phone: "0912 345 678", locale: "hmn", dossierCode: "000.00.00.H15-241130-0001",
            procedure: "cccd_issue", startsAt: startsAt, commune: "na-u")
    }

    @Test("a booking sends an urgent confirmation now and normal reminders outside quiet hours, none outliving the start")
    func bookingMessages() throws {
        let appointment = try validator.appointment(from: draft(), bookedBy: "key_1")
        #expect(appointment.applicantName == "Giàng A Vảng")
        #expect(appointment.phone == "+84912345678")
        #expect(appointment.locale == .hmong)
        #expect(appointment.place == "Trụ sở UBND xã Na Ư", "the commune office's address by default")
        #expect(appointment.status == .booked)
        #expect(OpaqueID.isWellFormed(appointment.id, prefix: "apt"))
        let messages = try planner.messages(booking: appointment)
        #expect(messages.map(\.kind) == [.appointmentConfirmed, .appointmentReminder, .appointmentReminder])
        #expect(messages.map(\.priority) == [.urgent, .normal, .normal])
        #expect(messages.map(\.notBefore) == [clock.now, Self.vn(4, 7, 30), Self.vn(4, 20, 59)])
        #expect(messages.allSatisfy { $0.eventSource == Appointment.messageSource && $0.eventId == appointment.id })
        #expect(messages.allSatisfy { $0.commune == "na-u" && $0.dossierCode == "000.00.00.H15-241130-0001" && $0.recipient == "+84912345678" })
        #expect(messages.allSatisfy { $0.expiresAt <= appointment.startsAt && $0.expiresAt > $0.notBefore })
        #expect(messages.allSatisfy { $0.encoding == .gsm7 }, "Mông texts stay GSM-7")
        #expect(messages[0].text.contains("Tru so UBND xa Na U"), "the place, folded: \(messages[0].text)")
        #expect(messages[1].text.contains("7:30"), "the time in the text: \(messages[1].text)")
    }

    @Test("a reminder a day ahead is valid from when it is due, not from the booking")
    func reminderValidity() throws {
        let appointment = try validator.appointment(from: draft(startsAt: Self.vn(20, 9)), bookedBy: nil)
        let reminders = try planner.messages(booking: appointment).filter { $0.kind == .appointmentReminder }
        #expect(reminders.map(\.notBefore) == [Self.vn(19, 9), Self.vn(20, 7)])
        #expect(reminders.map(\.expiresAt) == [Self.vn(20, 9), Self.vn(20, 9)])
    }

    @Test("a move says both times and replaces the reminders; a cancellation gives the reason; attended sends nothing")
    func changes() throws {
        let booked = try validator.appointment(from: AppointmentDraft(
            applicantName: "Lò Thị Mai", phone: "0987654321", procedure: "cccd_issue", startsAt: Self.vn(5, 14), commune: "muong-nhe"), bookedBy: nil)
        clock.advance(by: 3600)
        let moved = try planner.update(booked, .move(to: Self.vn(8, 9), place: "Nhà văn hoá bản Huổi Lếch", note: nil))
        #expect(moved.cancelsPendingMessages)
        #expect(moved.cancellationReason == "appointment moved")
        #expect(moved.appointment.startsAt == Self.vn(8, 9))
        #expect(moved.appointment.place == "Nhà văn hoá bản Huổi Lếch")
        #expect(moved.appointment.updatedAt == clock.now)
        #expect(moved.messages.map(\.kind) == [.appointmentRescheduled, .appointmentReminder, .appointmentReminder])
        #expect(moved.messages[0].locale == .vietnamese)
        #expect(moved.messages[0].text.contains("14:00") && moved.messages[0].text.contains("09:00"), "\(moved.messages[0].text)")
        #expect(moved.messages[0].notBefore == clock.now)

        let cancelled = try planner.update(moved.appointment, .cancel(reason: "cán bộ đi công tác"))
        #expect(cancelled.appointment.status == .cancelled)
        #expect(cancelled.appointment.cancelReason == "cán bộ đi công tác")
        #expect(cancelled.messages.map(\.kind) == [.appointmentCancelled])
        #expect(cancelled.messages[0].text.contains("cán bộ đi công tác"))
        #expect(cancelled.messages[0].priority == .urgent)

        let attended = try planner.update(moved.appointment, .attend)
        #expect(attended.appointment.status == .attended)
        #expect(attended.messages.isEmpty)
        #expect(attended.cancelsPendingMessages)
    }

    @Test("changing a final appointment, moving to the past or to the same time is refused with its field")
    func refusedChanges() throws {
        var booked = try validator.appointment(from: draft(), bookedBy: nil)
        #expect(throws: AppointmentRejection(code: "in_past", message: "startsAt is in the past; book a time to come", field: "startsAt")) {
            try planner.update(booked, .move(to: Self.vn(1, 9), place: nil, note: nil))
        }
        #expect(performing: { try planner.update(booked, .move(to: booked.startsAt, place: nil, note: nil)) }, throws: { ($0 as? AppointmentRejection)?.code == "same_start" })
        booked.status = .cancelled
        #expect(performing: { try planner.update(booked, .attend) }, throws: {
            let rejection = $0 as? AppointmentRejection
            return rejection?.code == "appointment_cancelled" && rejection?.field == nil
        })
    }

    @Test("a long cancellation reason is cut short to keep the segment budget")
    func longReason() throws {
        let booked = try validator.appointment(from: draft(), bookedBy: nil)
        let reason = String(repeating: "thiếu giấy tờ tùy thân bản chính ", count: 9)
        let message = try #require(try planner.update(booked, .cancel(reason: reason)).messages.first)
        #expect(message.segments <= 2, "hmn fold budget: \(message.segments) parts")
        #expect(message.text.contains("thieu giay to"), "\(message.text)")
        #expect(!message.text.contains(String(reason.prefix(200)).folding(options: .diacriticInsensitive, locale: nil)))
    }

    @Test("every draft field is checked, each refusal naming its field", arguments: [
        (AppointmentDraft(phone: "0912345678", procedure: "cccd_issue", startsAt: vn(5, 9), commune: "na-u"), "applicant.name", "missing_field"),
        (AppointmentDraft(applicantName: "A", phone: "0215 3825 555", procedure: "cccd_issue", startsAt: vn(5, 9), commune: "na-u"), "applicant.phone", "invalid_phone"),
        (AppointmentDraft(applicantName: "A", procedure: "cccd_issue", startsAt: vn(5, 9), commune: "na-u"), "applicant.phone", "missing_field"),
        (AppointmentDraft(applicantName: "A", phone: "0912345678", locale: "fr", procedure: "cccd_issue", startsAt: vn(5, 9), commune: "na-u"), "applicant.locale", "unknown_value"),
        (AppointmentDraft(applicantName: "A", phone: "0912345678", dossierCode: "HS 1", procedure: "cccd_issue", startsAt: vn(5, 9), commune: "na-u"), "dossierCode", "invalid_field"),
        (AppointmentDraft(applicantName: "A", phone: "0912345678", procedure: "passport", startsAt: vn(5, 9), commune: "na-u"), "procedure", "unknown_value"),
        (AppointmentDraft(applicantName: "A", phone: "0912345678", procedure: "cccd_issue", startsAt: vn(5, 9), commune: "ha-noi"), "commune", "unknown_value"),
        (AppointmentDraft(applicantName: "A", phone: "0912345678", procedure: "cccd_issue", startsAt: vn(5, 9)), "commune", "missing_field"),
        (AppointmentDraft(applicantName: "A", phone: "0912345678", procedure: "cccd_issue", commune: "na-u"), "startsAt", "missing_field"),
        (AppointmentDraft(applicantName: "A", phone: "0912345678", procedure: "cccd_issue", startsAt: vn(1, 9), commune: "na-u"), "startsAt", "in_past"),
        (AppointmentDraft(applicantName: "A", phone: "0912345678", procedure: "cccd_issue", startsAt: CalendarDay(year: 2028, month: 1, day: 1)!.vietnamMidnight, commune: "na-u"), "startsAt", "too_far_ahead"),
        (AppointmentDraft(applicantName: "A\u{202E}B", phone: "0912345678", procedure: "cccd_issue", startsAt: vn(5, 9), commune: "na-u"), "applicant.name", "invalid_field"),
        (AppointmentDraft(applicantName: "A", phone: "0912345678", procedure: "cccd_issue", startsAt: vn(5, 9), place: String(repeating: "x", count: 201), commune: "na-u"), "place", "invalid_field"),
    ] as [(AppointmentDraft, String, String)])
    func invalidDrafts(draft: AppointmentDraft, field: String, code: String) throws {
        #expect(performing: { try validator.appointment(from: draft, bookedBy: nil) }, throws: {
            let rejection = $0 as? AppointmentRejection
            return rejection?.field == field && rejection?.code == code && !(rejection?.message.isEmpty ?? true)
        })
    }
}
