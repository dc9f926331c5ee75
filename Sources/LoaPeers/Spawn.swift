public import Foundation

/// Starts programs with `posix_spawn` and reaps them with `waitpid`, instead of Foundation's
/// `Process`.
///
/// Foundation's `Process.run()` on Linux (swift-corelibs-foundation in Swift 6.3.1) can crash
/// the whole test process: it copies each `/proc/self/fd` entry's full 256-byte name, reading past
/// glibc's buffer (fixed upstream in swift-corelibs-foundation#5472, not in this toolchain). Seen
/// in a clean-clone CI run: SIGSEGV in `Process.run()` while 1,300 descriptors were open. It was
/// also seen to miss the exit of a script that leaves daemons behind. A child started here
/// inherits no blocked signals (Swift concurrency's threads block most, and a daemon would then
/// ignore a stop's SIGTERM).
public enum Spawn {
    /// Where a child's standard input comes from and its output goes.
    public struct Files: Sendable {
        /// Read as standard input.
        public var input: String
        /// A descriptor to give as standard input instead of ``input`` (a pipe's read end, say).
        public var inputDescriptor: Int32?
        /// Standard output, created or truncated (appended to with `append`).
        public var output: String
        /// Standard error; nil: the same file as standard output.
        public var error: String?
        public var append: Bool

        public init(input: String = "/dev/null", inputDescriptor: Int32? = nil, output: String, error: String? = nil, append: Bool = false) {
            self.input = input
            self.inputDescriptor = inputDescriptor
            self.output = output
            self.error = error
            self.append = append
        }
    }

    /// Starts `executable` (a path) with `arguments`, exactly `environment`, in `currentDirectory`
    /// when given; returns its process id. Reap it with ``wait(_:)``.
    public static func start(
        _ executable: String, _ arguments: [String], environment: [String: String], currentDirectory: String? = nil, files: Files
    ) throws -> pid_t {
        var cArguments = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var cEnvironment = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { cEnvironment.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let currentDirectory {
            guard let addChdir = Self.addChdir, addChdir(&actions, currentDirectory) == 0 else {
                throw PeerError("cannot start \(executable) in \(currentDirectory): posix_spawn_file_actions_addchdir_np is missing")
            }
        }
        let mode = O_WRONLY | O_CREAT | (files.append ? O_APPEND : O_TRUNC)
        if let descriptor = files.inputDescriptor {
            posix_spawn_file_actions_adddup2(&actions, descriptor, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, files.input, O_RDONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 1, files.output, mode, 0o644)
        if let error = files.error {
            posix_spawn_file_actions_addopen(&actions, 2, error, mode, 0o644)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }
        // Nothing else of this process (other tests' sockets, pipes, the build lock) goes along:
        // a listening socket held by a child would keep its port from the test that restarts on it.
        if let closeFrom = Self.addCloseFrom { _ = closeFrom(&actions, 3) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, &cArguments, &cEnvironment)
        guard spawned == 0 else { throw PeerError("cannot start \(executable): error \(spawned)") }
        return pid
    }

    /// Waits until `pid` ends (blocking the thread: call it through ``blockingWork(_:)``);
    /// returns its wait status.
    public static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return status
    }

    /// The exit status of a wait status, or 128 + the signal that ended it (as a shell says).
    public static func exitStatus(_ waitStatus: Int32) -> Int32 {
        let signal = waitStatus & 0x7f
        return signal == 0 ? (waitStatus >> 8) & 0xff : 128 + signal
    }

    /// glibc's `posix_spawn_file_actions_addchdir_np` (2.29) and `…_addclosefrom_np` (2.34),
    /// which Swift's Glibc module does not declare.
    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private static let addChdir: AddChdir? = dlsym(nil, "posix_spawn_file_actions_addchdir_np")
        .map { unsafeBitCast($0, to: AddChdir.self) }
    private static let addCloseFrom: AddCloseFrom? = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np")
        .map { unsafeBitCast($0, to: AddCloseFrom.self) }
}
