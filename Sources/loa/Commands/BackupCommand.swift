import ArgumentParser
import Foundation
import LoaConfig
import LoaStore

/// `loa backup PATH`: a consistent copy of the live database, taken while `loa serve` runs.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the live database to a new file (consistent, readable by its owner only) while loa serve runs.")

    @OptionGroup var options: DatabaseOptions

    @Argument(help: "The backup file to create; an existing file is never overwritten.")
    var path: String

    func run() async throws {
        let (configuration, source) = try options.sqlitePath(
            for: "backup", instead: "back up PostgreSQL with its own tools (pg_dump, or continuous archiving)")
        guard FileManager.default.fileExists(atPath: source) else {
            throw ValidationError("\(source): no database there; name the live one with --database or database.path")
        }
        let migrations: [String]
        do {
            migrations = try await SQLiteStore(path: source, synchronous: configuration.database.synchronous).backup(to: path)
        } catch let error as DatabaseFileError {
            throw ValidationError("backup failed: \(error)")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        print("backed up \(source) to \(path) (\(size) bytes; schema \(migrations.last ?? "none"))")
    }
}
