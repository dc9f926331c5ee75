public import Foundation
public import LoaCore
public import LoaStore

/// Books the appointments of a spreadsheet (``CSVTable`` with ``AppointmentColumns``): each row
/// is checked by ``AppointmentValidator`` and planned by ``AppointmentPlanner`` exactly as
/// `POST /v1/appointments` is, and the rows are committed in batches (one transaction each).
/// A row already booked (same commune, phone and start, in the store or earlier in the file)
/// is recognised and not booked twice, so a file may be imported again after fixing its
/// rejected rows. A refused row names its line, its column and the fix; the other rows go on.
///
/// ```swift
/// let summary = try await AppointmentImport(store: store, validator: validator, planner: planner)
///     .run(table, columns: columns, commune: "na-u", dryRun: false) { done, total in print(done, total) }
/// ```
public struct AppointmentImport: Sendable {
    /// One refused row.
    public struct Rejection: Error, Sendable, Equatable, CustomStringConvertible {
        /// The file line the row starts on (the header is line 1).
        public let line: Int
        /// The column at fault, as the header writes it (`--commune` for the command line's);
        /// nil when the row as a whole is.
        public let column: String?
        /// What is wrong and how to fix it.
        public let message: String

        public var description: String {
            "row \(line)" + (column.map { ", column '\($0)'" } ?? "") + ": \(message)"
        }
    }

    /// What an import did (or, in a dry run, would do).
    public struct Summary: Sendable, Equatable {
        /// Data rows in the file.
        public var rows = 0
        /// Appointments booked.
        public var booked = 0
        /// Messages those bookings created (confirmations and reminders).
        public var messages = 0
        /// Rows already booked (in the store, or earlier in the file).
        public var duplicates = 0
        /// Refused rows, in file order.
        public var rejected: [Rejection] = []

        /// Creates a summary, all counts zero unless given.
        public init(rows: Int = 0, booked: Int = 0, messages: Int = 0, duplicates: Int = 0, rejected: [Rejection] = []) {
            self.rows = rows
            self.booked = booked
            self.messages = messages
            self.duplicates = duplicates
            self.rejected = rejected
        }
    }

    let store: any AppointmentStore
    let validator: AppointmentValidator
    let planner: AppointmentPlanner
    /// Rows per transaction.
    let batchSize: Int

    /// Creates an import.
    public init(store: any AppointmentStore, validator: AppointmentValidator, planner: AppointmentPlanner, batchSize: Int = 500) {
        self.store = store
        self.validator = validator
        self.planner = planner
        self.batchSize = max(1, batchSize)
    }

    /// Imports `table`; `commune` fills rows whose commune cell is empty (an officer's import).
    /// With `dryRun` nothing is written, and duplicates are looked up instead of booked.
    /// `progress` hears (rows done, rows in all) after each batch.
    public func run(
        _ table: CSVTable, columns: AppointmentColumns, commune: String?, dryRun: Bool,
        progress: (Int, Int) -> Void = { _, _ in }
    ) async throws -> Summary {
        var summary = Summary()
        summary.rows = table.rows.count
        var seen: Set<String> = []
        for start in stride(from: 0, to: table.rows.count, by: batchSize) {
            let batch = table.rows[start..<min(start + batchSize, table.rows.count)]
            var appointments: [(line: Int, appointment: Appointment)] = []
            for row in batch {
                do {
                    let appointment = try parse(row, header: table.header.count, columns: columns, commune: commune)
                    appointments.append((row.line, appointment))
                } catch {
                    summary.rejected.append(error)
                }
            }
            if dryRun {
                try await countWithoutWriting(appointments, seen: &seen, columns: columns, summary: &summary)
            } else {
                try await book(appointments, columns: columns, summary: &summary)
            }
            progress(min(start + batchSize, table.rows.count), table.rows.count)
        }
        summary.rejected.sort { $0.line < $1.line }
        return summary
    }

    private func book(_ appointments: [(line: Int, appointment: Appointment)], columns: AppointmentColumns, summary: inout Summary) async throws {
        let planner = planner
        let outcomes = try await store.book(appointments.map(\.appointment)) { appointment throws(AppointmentRejection) in
            try planner.messages(booking: appointment)
        }
        for (entry, outcome) in zip(appointments, outcomes) {
            switch outcome {
            case .booked(_, let messageIds):
                summary.booked += 1
                summary.messages += messageIds.count
            case .duplicate:
                summary.duplicates += 1
            case .rejected(let rejection):
                summary.rejected.append(Self.rejection(rejection, line: entry.line, columns: columns))
            }
        }
    }

    private func countWithoutWriting(
        _ appointments: [(line: Int, appointment: Appointment)], seen: inout Set<String>, columns: AppointmentColumns, summary: inout Summary
    ) async throws {
        for (line, appointment) in appointments {
            let key = "\(appointment.commune)|\(appointment.phone)|\(appointment.startsAt.timeIntervalSince1970)"
            let stored = try await store.appointments(
                startingFrom: appointment.startsAt, before: appointment.startsAt.addingTimeInterval(0.001), commune: appointment.commune)
            if !seen.insert(key).inserted || stored.contains(where: { $0.phone == appointment.phone && $0.status != .cancelled }) {
                summary.duplicates += 1
                continue
            }
            do {
                summary.messages += try planner.messages(booking: appointment).count
                summary.booked += 1
            } catch {
                summary.rejected.append(Self.rejection(error, line: line, columns: columns))
            }
        }
    }

    /// The appointment one row describes.
    private func parse(_ row: CSVTable.Row, header: Int, columns: AppointmentColumns, commune: String?) throws(Rejection) -> Appointment {
        guard row.fields.count <= header else {
            throw Rejection(line: row.line, column: nil, message: "the row has \(row.fields.count) fields but the header \(header); quote values that contain the separator")
        }
        // A line break typed inside a cell (Alt+Enter) is a space in a message.
        func cell(_ field: AppointmentField) -> String? {
            guard let index = columns.index[field], index < row.fields.count else { return nil }
            let value = String(row.fields[index].map { $0.isNewline ? " " : $0 }).trimmingWhitespace()
            return value.isEmpty ? nil : value
        }
        var startsAt: Date?
        if let text = cell(.startsAt) {
            guard let instant = SheetTime.instant(text) else {
                throw Rejection(line: row.line, column: columns.name[.startsAt], message: "'\(text.prefix(40))' is not a date and time; write it \(SheetTime.format)")
            }
            startsAt = instant
        }
        var rowCommune = cell(.commune) ?? commune
        if let commune, let given = cell(.commune), given != commune {
            throw Rejection(line: row.line, column: columns.name[.commune], message: "the row names commune '\(given)' but --commune is '\(commune)'; import each commune's rows with its own --commune, or leave the cell empty")
        }
        if rowCommune?.isEmpty ?? true { rowCommune = nil }
        let draft = AppointmentDraft(
            applicantName: cell(.applicantName), phone: cell(.applicantPhone), locale: cell(.applicantLocale),
            dossierCode: cell(.dossierCode), procedure: cell(.procedure), startsAt: startsAt, place: cell(.place),
            note: cell(.note), commune: rowCommune)
        do {
            return try validator.appointment(from: draft, bookedBy: nil)
        } catch {
            throw Self.rejection(error, line: row.line, columns: columns)
        }
    }

    /// A refusal of the validator or the planner, with the field turned into its column.
    static func rejection(_ rejection: AppointmentRejection, line: Int, columns: AppointmentColumns) -> Rejection {
        let field = rejection.field.flatMap(AppointmentField.init(rawValue:))
        let column = field.map { columns.name[$0] ?? ($0 == .commune ? "--commune" : $0.rawValue) }
        return Rejection(line: line, column: column, message: rejection.message)
    }
}
