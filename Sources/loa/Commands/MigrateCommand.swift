import ArgumentParser
import Foundation
import LoaConfig
import LoaPostgres
import LoaStore
import Logging

/// `loa migrate`: creates or upgrades the database schema; with `--from sqlite:PATH --to
/// postgres://…`, moves a SQLite deployment into an empty PostgreSQL database (``StoreCopy``).
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Create or upgrade the database schema, or move a SQLite store to PostgreSQL.",
        discussion: """
            Without --from and --to: creates or upgrades the schema of the configured store. \
            With --from sqlite:PATH --to postgres://user@host/database: brings both schemas up to date, then copies every \
            table (messages and their attempts and receipts, events, dossiers, API keys, secrets, residents' preferences, \
            appointments, audit log, daily counts, statistics) in one PostgreSQL transaction, and checks that every \
            table holds as many rows in the target as in the source before committing. The target must be empty \
            (a table with rows is named and nothing is written); any failure leaves it empty. Stop loa serve and \
            loa worker on the SQLite file first: what they write after the copy began is not moved. Progress goes to \
            standard error, the summary to standard output.
            """)

    @OptionGroup var options: DatabaseOptions

    @Option(name: .long, help: "The SQLite store to move: sqlite:PATH (with --to).")
    var from: String?

    @Option(name: .long, help: "The empty PostgreSQL database to move it to: postgres://user:password@host:port/database (with --from).")
    var to: String?

    func validate() throws {
        guard (from == nil) == (to == nil) else {
            throw ValidationError("--from and --to go together: loa migrate --from sqlite:PATH --to postgres://user@host/database")
        }
    }

    func run() async throws {
        guard let from, let to else {
            let (configuration, _) = try await options.openStore()
            print("migrated \(configuration.database.location)")
            return
        }
        let (sqlitePath, postgresURL) = try Self.endpoints(from: from, to: to)
        let copy = StoreCopy(sqlitePath: sqlitePath, postgresURL: postgresURL, logger: Logger(label: "loa.migrate"))
        let progress = CopyProgressBar()
        let summary: StoreCopy.Summary
        do {
            summary = try await copy.run(progress: progress.show)
        } catch let error as StoreCopyError {
            throw ValidationError("loa migrate: \(error)")
        }
        print("migrated sqlite:\(sqlitePath) to \(StoreLocation.postgres(url: postgresURL)): \(summary.tables) tables, \(summary.rows) rows in \(String(format: "%.1f", summary.seconds)) s; every table's count checked")
    }

    /// The SQLite file of `--from` (which must exist) and the PostgreSQL URL of `--to`.
    static func endpoints(from: String, to: String) throws -> (sqlitePath: String, postgresURL: String) {
        guard from.hasPrefix("sqlite:"), case .sqlite(let path)? = try? StoreLocation(url: from) else {
            throw ValidationError("--from must be sqlite:PATH (the SQLite store to move), not \(from)")
        }
        guard FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("--from \(from): no such file")
        }
        guard case .postgres? = try? StoreLocation(url: to) else {
            throw ValidationError("--to must be postgres://user:password@host:port/database (the PostgreSQL database to move to)")
        }
        return (path, to)
    }
}
