public import Foundation
import LoaCore
public import LoaStore
import Logging
import PostgresNIO

extension PostgresStore {
    public func book(
        _ appointments: [Appointment],
        plan: @Sendable (Appointment) throws(AppointmentRejection) -> [StoredMessage]
    ) async throws -> [BookingOutcome] {
        guard !appointments.isEmpty else { return [] }
        let logger = logger
        // Two nodes booking the same resident at once: the second insert breaks `appointments_once`,
        // the transaction runs again and finds the first booking.
        return try await write { connection in
            var outcomes: [BookingOutcome] = []
            for appointment in appointments {
                if let existing = try await PostgresStore.activeAppointment(
                    commune: appointment.commune, phone: appointment.phone, startsAt: appointment.startsAt, connection, logger) {
                    outcomes.append(.duplicate(existing))
                    continue
                }
                let messages: [StoredMessage]
                do throws(AppointmentRejection) {
                    messages = try plan(appointment)
                } catch {
                    outcomes.append(.rejected(error))
                    continue
                }
                try await appointment.insert(connection, logger: logger)
                try await messages.insert(connection, logger: logger)
                outcomes.append(.booked(appointment, messageIds: messages.map(\.id)))
            }
            if outcomes.contains(where: { if case .booked(_, let ids) = $0 { !ids.isEmpty } else { false } }) {
                try await PostgresStore.notifyNewMessages(connection, logger)
            }
            return outcomes
        }
    }

    public func changeAppointment(
        id: String, commune: String?,
        _ update: @Sendable (Appointment) throws(AppointmentRejection) -> AppointmentUpdate
    ) async throws -> AppointmentChangeOutcome {
        let logger = logger
        return try await write { connection in
            guard let current = try await PostgresStore.appointment(id: id, locking: true, connection, logger),
                  commune == nil || current.commune == commune else {
                return .notFound
            }
            let change: AppointmentUpdate
            do throws(AppointmentRejection) {
                change = try update(current)
            } catch {
                return .refused(error)
            }
            let changed = change.appointment
            if changed.status != .cancelled, changed.startsAt != current.startsAt,
               let other = try await PostgresStore.activeAppointment(
                commune: changed.commune, phone: changed.phone, startsAt: changed.startsAt, connection, logger),
               other.id != id {
                return .refused(AppointmentRejection(
                    code: "duplicate",
                    message: "appointment \(other.id) already books this resident at that time; cancel one of them instead",
                    field: "startsAt"))
            }
            let nowMs = changed.updatedAt.epochMilliseconds
            if change.cancelsPendingMessages {
                try await connection.query("""
                    UPDATE messages SET state = 'cancelled', updated_at = \(nowMs), last_error = \(change.cancellationReason)
                    WHERE event_source = \(Appointment.messageSource) AND event_id = \(id) AND state = 'pending'
                    """, logger: logger)
            }
            try await connection.query("""
                UPDATE appointments
                SET starts_at = \(changed.startsAt.epochMilliseconds), place = \(changed.place), note = \(changed.note),
                    status = \(changed.status.rawValue), cancel_reason = \(changed.cancelReason), updated_at = \(nowMs)
                WHERE id = \(id)
                """, logger: logger)
            try await change.messages.insert(connection, logger: logger)
            if !change.messages.isEmpty { try await PostgresStore.notifyNewMessages(connection, logger) }
            return .changed(changed, messageIds: change.messages.map(\.id))
        }
    }

    public func appointment(id: String) async throws -> Appointment? {
        let logger = logger
        return try await read { connection in try await PostgresStore.appointment(id: id, locking: false, connection, logger) }
    }

    public func appointments(startingFrom from: Date, before to: Date, commune: String?) async throws -> [Appointment] {
        let logger = logger
        return try await read { connection in
            try await connection.rows("""
                SELECT \(unescaped: Appointment.postgresColumns) FROM appointments
                WHERE starts_at >= \(from.epochMilliseconds) AND starts_at < \(to.epochMilliseconds)
                    AND (\(commune)::text IS NULL OR commune = \(commune))
                ORDER BY starts_at, id LIMIT 5000
                """, logger: logger).map(Appointment.init(postgresRow:))
        }
    }

    public func appointmentMessages(appointmentId: String) async throws -> [StoredMessage] {
        let logger = logger
        return try await read { connection in
            try await connection.rows("""
                SELECT \(unescaped: StoredMessage.postgresColumns) FROM messages
                WHERE event_source = \(Appointment.messageSource) AND event_id = \(appointmentId)
                ORDER BY created_at, not_before, id
                """, logger: logger).map(StoredMessage.init(postgresRow:))
        }
    }

    private static func appointment(id: String, locking: Bool, _ connection: PostgresSession, _ logger: Logger) async throws -> Appointment? {
        try await connection.rows("""
            SELECT \(unescaped: Appointment.postgresColumns) FROM appointments WHERE id = \(id) \(unescaped: locking ? "FOR UPDATE" : "")
            """, logger: logger).first.map(Appointment.init(postgresRow:))
    }

    /// The booked or attended appointment of this commune, phone and start, if any.
    private static func activeAppointment(
        commune: String, phone: String, startsAt: Date, _ connection: PostgresSession, _ logger: Logger
    ) async throws -> Appointment? {
        try await connection.rows("""
            SELECT \(unescaped: Appointment.postgresColumns) FROM appointments
            WHERE commune = \(commune) AND phone = \(phone) AND starts_at = \(startsAt.epochMilliseconds) AND status <> 'cancelled'
            """, logger: logger).first.map(Appointment.init(postgresRow:))
    }
}
