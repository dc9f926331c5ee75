import Foundation

extension SQLiteStore {
    /// The mode of every database file: read and write for its owner only. The folder is the
    /// operator's to set.
    static let ownerOnlyMode: mode_t = 0o600

    /// Makes the database at `path` readable by its owner only before SQLite opens it: creates
    /// the file with mode 0600 when it is missing (SQLite gives its `-wal` and `-shm` files the
    /// database's mode), and takes group and other access away from a database, `-wal` and `-shm`
    /// left by an earlier version.
    static func restrictToOwner(databaseAt path: String) throws {
        let descriptor = open(path, O_CREAT | O_RDONLY | O_CLOEXEC, ownerOnlyMode)
        guard descriptor >= 0 else {
            throw DatabaseFileError(path: path, "cannot open or create the database (\(String(cString: strerror(errno)))); check that its folder exists and is writable")
        }
        close(descriptor)
        for file in [path, path + "-wal", path + "-shm"] {
            var status = stat()
            guard stat(file, &status) == 0, status.st_mode & 0o077 != 0 else { continue }
            // Best effort: a file owned by someone else stays as its owner set it.
            _ = chmod(file, ownerOnlyMode)
        }
    }
}
