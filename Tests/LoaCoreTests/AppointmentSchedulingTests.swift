import Foundation
import LoaCore
import Testing

/// Reminder scheduling and appointment changes as pure decisions, on a clock the tests set.
@Suite("Appointment scheduling")
struct AppointmentSchedulingTests {
    /// A Vietnamese wall-clock time in December 2026.
    static func vn(_ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        CalendarDay(year: 2026, month: 12, day: day)!.vietnamTime(hour: hour, minute: minute)
    }

    let scheduler = AppointmentScheduler(reminders: ReminderPolicy(quietHours: .standard))

    func decide(_ change: AppointmentChange, _ status: AppointmentStatus = .booked, startsAt: Date, now: Date) throws -> AppointmentDecision {
        try scheduler.decide(change, status: status, startsAt: startsAt, now: now).get()
    }

    @Test("Vietnam wall-clock days map to the right instants")
    func wallClock() {
        #expect(Self.vn(5, 0) == Date(timeIntervalSince1970: 1_796_403_600))   // 2026-12-04T17:00:00Z
        #expect(Self.vn(5, 8, 30).timeIntervalSince(Self.vn(5, 0)) == 8.5 * 3600)
        #expect(CalendarDay(year: 1970, month: 1, day: 1)!.vietnamMidnight == Date(timeIntervalSince1970: -7 * 3600))
        #expect(CalendarDay(year: 2028, month: 3, day: 1)!.vietnamMidnight.timeIntervalSince(
            CalendarDay(year: 2028, month: 2, day: 28)!.vietnamMidnight) == 2 * 86_400, "2028 is a leap year")
    }

    @Test("a booking days ahead: confirmation at once, reminders 24 h and 2 h before")
    func bookedDaysAhead() throws {
        let now = Self.vn(2, 10)
        let start = Self.vn(5, 14)
        let decision = try decide(.book, startsAt: start, now: now)
        #expect(decision.status == .booked)
        #expect(!decision.cancelsPendingMessages)
        #expect(decision.notices == [
            ScheduledNotice(kind: .appointmentConfirmed, due: now),
            ScheduledNotice(kind: .appointmentReminder, due: Self.vn(4, 14)),
            ScheduledNotice(kind: .appointmentReminder, due: Self.vn(5, 12)),
        ])
    }

    @Test("booked less than two hours ahead: the confirmation only", arguments: [119, 60, 1] as [Double])
    func bookedSoon(minutesAhead: Double) throws {
        let now = Self.vn(3, 9)
        let decision = try decide(.book, startsAt: now.addingTimeInterval(minutesAhead * 60), now: now)
        #expect(decision.notices.map(\.kind) == [.appointmentConfirmed])
    }

    @Test("booked exactly two hours ahead: the 2 h reminder would fall at the booking itself and is dropped")
    func bookedTwoHoursAhead() throws {
        let now = Self.vn(3, 9)
        let decision = try decide(.book, startsAt: Self.vn(3, 11), now: now)
        #expect(decision.notices.map(\.kind) == [.appointmentConfirmed])
        let later = try decide(.book, startsAt: Self.vn(3, 11, 30), now: now)
        #expect(later.notices == [ScheduledNotice(kind: .appointmentConfirmed, due: now), ScheduledNotice(kind: .appointmentReminder, due: Self.vn(3, 9, 30))])
    }

    @Test("a reminder that would fall in quiet hours comes earlier, the minute before they begin, never later")
    func reminderInsideQuietHours() throws {
        let now = Self.vn(1, 10)
        // 07:30: the 2 h reminder would be at 05:30, inside 21:00–07:00.
        let early = try decide(.book, startsAt: Self.vn(5, 7, 30), now: now)
        #expect(early.notices.dropFirst().map(\.due) == [Self.vn(4, 7, 30), Self.vn(4, 20, 59)])
        // 22:30 (an evening session): the 24 h reminder at 22:30 the day before comes at 20:59 then,
        // the 2 h one at 20:30 stays.
        let evening = try decide(.book, startsAt: Self.vn(5, 22, 30), now: now)
        #expect(evening.notices.dropFirst().map(\.due) == [Self.vn(4, 20, 59), Self.vn(5, 20, 30)])
        for notice in early.notices + evening.notices where notice.kind == .appointmentReminder {
            let minute = Int((notice.due.timeIntervalSince1970 + 7 * 3600).truncatingRemainder(dividingBy: 86_400)) / 60
            #expect(!QuietHours.standard.contains(minuteOfDay: minute))
        }
    }

    @Test("a reminder that quiet hours would push before the booking is dropped, never sent late")
    func quietHoursBeforeBooking() throws {
        // Booked at 22:00 for 07:30 the next morning: the 24 h reminder is past, the 2 h one
        // (05:30) would move to 20:59, before the booking.
        let decision = try decide(.book, startsAt: Self.vn(4, 7, 30), now: Self.vn(3, 22))
        #expect(decision.notices.map(\.kind) == [.appointmentConfirmed])
    }

    @Test("offsets that quiet hours bring to the same minute send one reminder, not two")
    func neverTwice() throws {
        let scheduler = AppointmentScheduler(reminders: ReminderPolicy(offsetsSeconds: [10 * 3600, 9 * 3600], quietHours: .standard))
        let decision = try scheduler.decide(.book, status: .booked, startsAt: Self.vn(5, 7), now: Self.vn(1, 10)).get()
        #expect(decision.notices.dropFirst() == [ScheduledNotice(kind: .appointmentReminder, due: Self.vn(4, 20, 59))])
    }

    @Test("configured offsets; none configured sends no reminder")
    func configuredOffsets() throws {
        let three = AppointmentScheduler(reminders: ReminderPolicy(offsetsSeconds: [3 * 86_400, 3600, 86_400, 0, -5], minimumLeadSeconds: 0, quietHours: .none))
        let start = Self.vn(10, 9)
        let decision = try three.decide(.book, status: .booked, startsAt: start, now: Self.vn(1, 9)).get()
        #expect(decision.notices.dropFirst().map(\.due) == [Self.vn(7, 9), Self.vn(9, 9), Self.vn(10, 8)])
        let none = AppointmentScheduler(reminders: ReminderPolicy(offsetsSeconds: [], quietHours: .standard))
        #expect(try none.decide(.book, status: .booked, startsAt: start, now: Self.vn(1, 9)).get().notices.map(\.kind) == [.appointmentConfirmed])
    }

    @Test("moved twice: each move cancels what is unsent and schedules for the newest time only")
    func movedTwice() throws {
        let first = Self.vn(5, 14)
        let second = Self.vn(8, 9)
        let third = Self.vn(6, 15)
        let move1 = try decide(.move(to: second), startsAt: first, now: Self.vn(2, 10))
        #expect(move1.cancelsPendingMessages)
        #expect(move1.startsAt == second)
        #expect(move1.notices == [
            ScheduledNotice(kind: .appointmentRescheduled, due: Self.vn(2, 10)),
            ScheduledNotice(kind: .appointmentReminder, due: Self.vn(7, 9)),
            ScheduledNotice(kind: .appointmentReminder, due: Self.vn(8, 7)),
        ])
        let move2 = try decide(.move(to: third), startsAt: move1.startsAt, now: Self.vn(3, 16))
        #expect(move2.cancelsPendingMessages)
        #expect(move2.notices == [
            ScheduledNotice(kind: .appointmentRescheduled, due: Self.vn(3, 16)),
            ScheduledNotice(kind: .appointmentReminder, due: Self.vn(5, 15)),
            ScheduledNotice(kind: .appointmentReminder, due: Self.vn(6, 13)),
        ])
    }

    @Test("moved after a reminder was sent: only reminders still ahead are scheduled, for the new time")
    func movedAfterReminder() throws {
        // The 24 h reminder of 5 Dec 14:00 went on 4 Dec 14:00; at 4 Dec 15:00 it moves to 5 Dec
        // 12:00: its 24 h reminder (4 Dec 12:00) is past, its 2 h one (5 Dec 10:00) is ahead.
        let decision = try decide(.move(to: Self.vn(5, 12)), startsAt: Self.vn(5, 14), now: Self.vn(4, 15))
        #expect(decision.notices == [
            ScheduledNotice(kind: .appointmentRescheduled, due: Self.vn(4, 15)),
            ScheduledNotice(kind: .appointmentReminder, due: Self.vn(5, 10)),
        ])
        // Moved to under two hours ahead: the change is announced, no reminder follows.
        let soon = try decide(.move(to: Self.vn(4, 16)), startsAt: Self.vn(5, 14), now: Self.vn(4, 15))
        #expect(soon.notices.map(\.kind) == [.appointmentRescheduled])
    }

    @Test("a move to the past or to the same time is refused")
    func badMoves() {
        let start = Self.vn(5, 14)
        #expect(scheduler.decide(.move(to: Self.vn(1, 9)), status: .booked, startsAt: start, now: Self.vn(2, 9)) == .failure(.startsInPast))
        #expect(scheduler.decide(.move(to: start), status: .booked, startsAt: start, now: Self.vn(2, 9)) == .failure(.sameStart))
        #expect(scheduler.decide(.book, status: .booked, startsAt: Self.vn(2, 9), now: Self.vn(2, 9)) == .failure(.startsInPast))
    }

    @Test("cancelled: unsent messages cancelled and the resident told; after the start nobody is told")
    func cancelled() throws {
        let start = Self.vn(5, 14)
        let decision = try decide(.cancel, startsAt: start, now: Self.vn(3, 8))
        #expect(decision.status == .cancelled)
        #expect(decision.cancelsPendingMessages)
        #expect(decision.notices == [ScheduledNotice(kind: .appointmentCancelled, due: Self.vn(3, 8))])
        let late = try decide(.cancel, startsAt: start, now: Self.vn(5, 15))
        #expect(late.status == .cancelled)
        #expect(late.notices.isEmpty)
    }

    @Test("attended: recorded, nothing sent, unsent reminders cancelled")
    func attended() throws {
        let decision = try decide(.attend, startsAt: Self.vn(5, 14), now: Self.vn(5, 13))
        #expect(decision.status == .attended)
        #expect(decision.cancelsPendingMessages)
        #expect(decision.notices.isEmpty)
    }

    @Test("a cancelled or attended appointment changes no more", arguments: [AppointmentStatus.cancelled, .attended])
    func finalStatuses(status: AppointmentStatus) {
        let start = Self.vn(5, 14)
        for change in [AppointmentChange.move(to: Self.vn(6, 9)), .cancel, .attend] {
            #expect(scheduler.decide(change, status: status, startsAt: start, now: Self.vn(3, 9)) == .failure(.final(status)))
        }
    }

    @Test("latest sendable time: outside the window unchanged, inside it the minute before it opened")
    func latestSendableTime() {
        let quiet = QuietHours.standard
        func seconds(_ date: Date) -> Double { date.timeIntervalSince1970 }
        #expect(quiet.latestSendableTime(atOrBeforeEpochSeconds: seconds(Self.vn(3, 20, 59))) == seconds(Self.vn(3, 20, 59)))
        #expect(quiet.latestSendableTime(atOrBeforeEpochSeconds: seconds(Self.vn(3, 21))) == seconds(Self.vn(3, 20, 59)))
        #expect(quiet.latestSendableTime(atOrBeforeEpochSeconds: seconds(Self.vn(3, 23, 45))) == seconds(Self.vn(3, 20, 59)))
        #expect(quiet.latestSendableTime(atOrBeforeEpochSeconds: seconds(Self.vn(4, 6, 59))) == seconds(Self.vn(3, 20, 59)))
        #expect(quiet.latestSendableTime(atOrBeforeEpochSeconds: seconds(Self.vn(4, 7))) == seconds(Self.vn(4, 7)))
        let lunch = QuietHours(startMinute: 11 * 60 + 30, endMinute: 13 * 60 + 30)
        #expect(lunch.latestSendableTime(atOrBeforeEpochSeconds: seconds(Self.vn(3, 12))) == seconds(Self.vn(3, 11, 29)))
        #expect(QuietHours.none.latestSendableTime(atOrBeforeEpochSeconds: seconds(Self.vn(3, 23))) == seconds(Self.vn(3, 23)))
    }
}
