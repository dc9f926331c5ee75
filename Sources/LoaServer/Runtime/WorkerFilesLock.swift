import Foundation

/// One worker per set of provider files: the sandbox's scheduled reports and SMPP part maps live
/// beside `database.path` (`<path>-<provider>-<purpose>.sqlite`), and two workers sharing them
/// would take each other's reports and part maps. With PostgreSQL several nodes share the store
/// but each needs a `database.path` of its own; started from one directory with the default
/// `./loa.sqlite`, the second would silently share the first one's files. So a worker holds an
/// exclusive `flock` on `<path>.worker.lock` while it runs; the kernel releases it when the
/// process ends, even by `kill -9`.
final class WorkerFilesLock {
    private let descriptor: Int32

    /// Takes the lock beside `databasePath`, or throws ``WorkerFilesInUse`` when another
    /// process holds it.
    init(databasePath: String) throws {
        let path = databasePath + ".worker.lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw WorkerFilesInUse(path: path, reason: "cannot open it: \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let reason = errno == EWOULDBLOCK ? "another loa worker holds it" : String(cString: strerror(errno))
            close(descriptor)
            throw WorkerFilesInUse(path: path, reason: reason)
        }
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }
}

/// A worker could not take its provider files for itself.
public struct WorkerFilesInUse: Error, CustomStringConvertible {
    public let path: String
    public let reason: String

    public var description: String {
        "cannot lock \(path) (\(reason)): the worker's own provider files (sandbox reports, SMPP part maps) are kept beside "
            + "database.path, and two workers must not share them; give each node its own database.path "
            + "(LOA_DATABASE_PATH), which with PostgreSQL is only the prefix of these files"
    }
}
