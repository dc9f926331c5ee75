import ArgumentParser
import Foundation
import LoaStore
import LoaWorker

/// `loa appointments import FILE.csv [--commune C] [--dry-run]`: books a spreadsheet's
/// appointments (see ``AppointmentImport``), with a progress bar on a terminal and plain lines
/// otherwise, one line per refused row, and a summary. Exits 1 when any row was refused (the
/// others are booked; import the fixed file again and the booked rows are recognised).
struct AppointmentsImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Book the appointments of a CSV file (a spreadsheet export).",
        discussion: """
            The file is UTF-8 (with or without a byte-order mark), separated by commas or semicolons, with a header \
            line in Vietnamese or English: Họ và tên / Name, Số điện thoại / Phone, Thủ tục / Procedure, \
            Thời gian / Starts at (dd/MM/yyyy HH:mm, Vietnam time), and optionally Ngôn ngữ / Locale (vi, hmn), \
            Mã hồ sơ / Dossier code, Địa điểm / Place, Ghi chú / Note, Xã / Commune.
            """)

    @OptionGroup var options: DatabaseOptions

    @Argument(help: "The CSV file.")
    var file: String

    @Option(name: .long, help: "The commune of rows that do not name one (a key of config/communes.yaml).")
    var commune: String?

    @Flag(name: .long, help: "Check every row and count what would be booked; write nothing.")
    var dryRun = false

    func run() async throws {
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
        } catch {
            throw ValidationError("cannot read \(file): \(error.localizedDescription)")
        }
        let table: CSVTable
        let columns: AppointmentColumns
        do {
            table = try CSVTable(bytes: bytes)
            columns = try AppointmentColumns(header: table.header, communeGiven: commune != nil)
        } catch let error as CSVTable.Failure {
            throw ValidationError("\(file): \(error)")
        } catch let error as AppointmentColumns.Failure {
            throw ValidationError("\(file), line 1: \(error)")
        }
        let desk = try await AppointmentsCommand.Desk(options)
        let progress = ImportProgress(total: table.rows.count, terminal: isatty(STDOUT_FILENO) == 1)
        let summary = try await AppointmentImport(store: desk.store, validator: desk.validator, planner: desk.planner)
            .run(table, columns: columns, commune: commune, dryRun: dryRun) { done, total in progress.show(done: done) }
        progress.finish()
        for rejection in summary.rejected { print(rejection) }
        let verb = dryRun ? "would book" : "booked"
        print("\(file): \(summary.rows) rows: \(verb) \(summary.booked) (\(summary.messages) messages), \(summary.duplicates) already booked, \(summary.rejected.count) rejected" + (dryRun ? "; dry run, nothing was written" : ""))
        if !summary.rejected.isEmpty { throw ExitCode.failure }
    }
}

/// How far an import has got: a bar redrawn in place on a terminal, a plain line per step otherwise.
struct ImportProgress {
    let total: Int
    let terminal: Bool
    static let width = 30

    func show(done: Int) {
        if terminal {
            let filled = total == 0 ? Self.width : Self.width * done / total
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: Self.width - filled)
            FileHandle.standardOutput.write(Data("\r[\(bar)] \(done)/\(total) rows".utf8))
        } else {
            print("\(done)/\(total) rows")
        }
    }

    func finish() {
        if terminal { FileHandle.standardOutput.write(Data("\n".utf8)) }
    }
}
