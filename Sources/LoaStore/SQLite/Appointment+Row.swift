import Foundation
import GRDB
import LoaCore

extension Appointment {
    /// The columns in the order ``init(row:)`` reads them.
    static let columns = """
        id, commune, applicant_name, phone, locale, dossier_code, procedure, starts_at, place, note, status,
        cancel_reason, booked_by, created_at, updated_at
        """

    /// Reads a row of ``columns`` by position.
    init(row: Row) throws {
        guard let status = AppointmentStatus(rawValue: row[10]) else {
            throw StoreCorruption("appointment \(row[0] as String? ?? "?") has an unknown status")
        }
        self.init(
            id: row[0], commune: row[1], applicantName: row[2], phone: row[3], locale: MessageLocale(rawValue: row[4]),
            dossierCode: row[5], procedure: row[6], startsAt: Date(epochMilliseconds: row[7]), place: row[8], note: row[9],
            status: status, cancelReason: row[11], bookedBy: row[12],
            createdAt: Date(epochMilliseconds: row[13]), updatedAt: Date(epochMilliseconds: row[14]))
    }

    /// Inserts the appointment (a new row).
    func insert(_ db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO appointments (\(Appointment.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                id, commune, applicantName, phone, locale.rawValue, dossierCode, procedure, startsAt.epochMilliseconds,
                place, note, status.rawValue, cancelReason, bookedBy, createdAt.epochMilliseconds, updatedAt.epochMilliseconds,
            ])
    }
}
