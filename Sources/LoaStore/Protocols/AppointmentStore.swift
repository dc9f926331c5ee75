public import Foundation

/// Appointments officers book, and the messages each one sends, written together.
///
/// Every write goes through a planner called inside the store's transaction (as
/// ``EventInbox/ingest(_:plan:)`` does for events), so an appointment and its messages are
/// committed together or not at all, and a change sees the appointment as it is.
///
/// ```swift
/// let outcomes = try await store.book([appointment]) { appointment throws(AppointmentRejection) in
///     try planner.messages(booking: appointment)
/// }
/// let moved = try await store.changeAppointment(id: id, commune: "na-u") { current throws(AppointmentRejection) in
///     try planner.update(current, .move(to: newStart))
/// }
/// ```
public protocol AppointmentStore: Sendable {
    /// Stores each appointment with the messages `plan` makes for it, all in one transaction;
    /// returns an outcome per appointment, in order. An appointment whose commune, phone and
    /// start match a booked one (earlier, or earlier in this batch) is a duplicate: nothing is
    /// planned or written for it. A plan that throws rejects only its own appointment.
    func book(
        _ appointments: [Appointment],
        plan: @Sendable (Appointment) throws(AppointmentRejection) -> [StoredMessage]
    ) async throws -> [BookingOutcome]

    /// Changes one appointment in one transaction: reads it (only within `commune` when given),
    /// asks `update` what to write, cancels its pending messages if the update says so, then
    /// stores the appointment and the new messages. A move onto the commune, phone and start of
    /// another booked appointment is refused (`duplicate`, field `startsAt`).
    func changeAppointment(
        id: String, commune: String?,
        _ update: @Sendable (Appointment) throws(AppointmentRejection) -> AppointmentUpdate
    ) async throws -> AppointmentChangeOutcome

    /// One appointment, or nil.
    func appointment(id: String) async throws -> Appointment?

    /// Appointments starting in `[from, to)`, by start then id; only `commune`'s when given.
    func appointments(startingFrom from: Date, before to: Date, commune: String?) async throws -> [Appointment]

    /// The messages of one appointment, oldest first (those created together by when they are due).
    func appointmentMessages(appointmentId: String) async throws -> [StoredMessage]
}
