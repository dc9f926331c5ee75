import ArgumentParser
import LoaConfig
import LoaStore

/// `loa restore BACKUP --database NEW`: checks a backup and copies it to a new database.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Check a backup (integrity, known schema) and restore it into a new database file (--database or database.path; never an existing one).")

    @OptionGroup var options: DatabaseOptions

    @Argument(help: "The backup file made by loa backup.")
    var backup: String

    func run() async throws {
        let (_, target) = try options.sqlitePath(
            for: "restore", instead: "restore PostgreSQL with its own tools (pg_restore), or name a new SQLite file with --database sqlite:PATH")
        let migrations: [String]
        do {
            migrations = try SQLiteStore.restore(backup: backup, to: target)
        } catch let error as DatabaseFileError {
            throw ValidationError("restore failed: \(error)")
        }
        print("restored \(backup) to \(target) (integrity ok; schema \(migrations.last ?? "none"); loa serve applies newer migrations when it starts)")
    }
}
