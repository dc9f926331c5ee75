public import Foundation
import GRDB
import LoaCore

extension SQLiteStore {
    public func book(
        _ appointments: [Appointment],
        plan: @Sendable (Appointment) throws(AppointmentRejection) -> [StoredMessage]
    ) async throws -> [BookingOutcome] {
        guard !appointments.isEmpty else { return [] }
        return try await write { db in
            try appointments.map { appointment in
                if let existing = try SQLiteStore.activeAppointment(
                    commune: appointment.commune, phone: appointment.phone, startsAt: appointment.startsAt, db) {
                    return .duplicate(existing)
                }
                let messages: [StoredMessage]
                do throws(AppointmentRejection) {
                    messages = try plan(appointment)
                } catch {
                    return .rejected(error)
                }
                try appointment.insert(db)
                for message in messages { try message.insert(db) }
                return .booked(appointment, messageIds: messages.map(\.id))
            }
        }
    }

    public func changeAppointment(
        id: String, commune: String?,
        _ update: @Sendable (Appointment) throws(AppointmentRejection) -> AppointmentUpdate
    ) async throws -> AppointmentChangeOutcome {
        try await write { db in
            guard let current = try SQLiteStore.appointment(id: id, db), commune == nil || current.commune == commune else {
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
               let other = try SQLiteStore.activeAppointment(commune: changed.commune, phone: changed.phone, startsAt: changed.startsAt, db),
               other.id != id {
                return .refused(AppointmentRejection(
                    code: "duplicate",
                    message: "appointment \(other.id) already books this resident at that time; cancel one of them instead",
                    field: "startsAt"))
            }
            let nowMs = changed.updatedAt.epochMilliseconds
            if change.cancelsPendingMessages {
                try db.cachedStatement(sql: """
                    UPDATE messages SET state = 'cancelled', updated_at = ?, last_error = ?
                    WHERE event_source = '\(Appointment.messageSource)' AND event_id = ? AND state = 'pending'
                    """).execute(arguments: [nowMs, change.cancellationReason, id])
            }
            try db.cachedStatement(sql: """
                UPDATE appointments
                SET starts_at = ?, place = ?, note = ?, status = ?, cancel_reason = ?, updated_at = ?
                WHERE id = ?
                """).execute(arguments: [
                    changed.startsAt.epochMilliseconds, changed.place, changed.note, changed.status.rawValue,
                    changed.cancelReason, nowMs, id,
                ])
            for message in change.messages { try message.insert(db) }
            return .changed(changed, messageIds: change.messages.map(\.id))
        }
    }

    public func appointment(id: String) async throws -> Appointment? {
        try await pool.read { db in try SQLiteStore.appointment(id: id, db) }
    }

    public func appointments(startingFrom from: Date, before to: Date, commune: String?) async throws -> [Appointment] {
        try await pool.read { db in
            var sql = "SELECT \(Appointment.columns) FROM appointments WHERE starts_at >= ? AND starts_at < ?"
            var arguments: StatementArguments = [from.epochMilliseconds, to.epochMilliseconds]
            if let commune {
                sql += " AND commune = ?"
                arguments += [commune]
            }
            sql += " ORDER BY starts_at, id LIMIT 5000"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Appointment.init(row:))
        }
    }

    public func appointmentMessages(appointmentId: String) async throws -> [StoredMessage] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(StoredMessage.columns) FROM messages
                WHERE event_source = '\(Appointment.messageSource)' AND event_id = ?
                ORDER BY created_at, not_before, id
                """, arguments: [appointmentId]).map(StoredMessage.init(row:))
        }
    }

    private static func appointment(id: String, _ db: Database) throws -> Appointment? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT \(Appointment.columns) FROM appointments WHERE id = ?"), arguments: [id])
            .map(Appointment.init(row:))
    }

    /// The booked or attended appointment of this commune, phone and start, if any.
    private static func activeAppointment(commune: String, phone: String, startsAt: Date, _ db: Database) throws -> Appointment? {
        try Row.fetchOne(db.cachedStatement(sql: """
            SELECT \(Appointment.columns) FROM appointments
            WHERE commune = ? AND phone = ? AND starts_at = ? AND status <> 'cancelled'
            """), arguments: [commune, phone, startsAt.epochMilliseconds]).map(Appointment.init(row:))
    }
}
