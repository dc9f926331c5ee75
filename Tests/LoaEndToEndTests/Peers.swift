import Foundation

/// Real test peers (Kannel, …) and whether this run may skip them.
///
/// Locally a missing peer skips its tests with a loud reason; under `CI=true` nothing may skip,
/// so the tests run and fail if `.ci/run` did not provide the peer.
enum Peers {
    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    static var kannelInstalled: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/sbin/bearerbox")
            && FileManager.default.isExecutableFile(atPath: "/usr/lib/kannel/test/fakesmsc")
    }

    /// Run the Kannel tests when Kannel is installed, and always under CI.
    static var kannelEnabled: Bool { isCI || kannelInstalled }

    /// The Python of `.venv-peers` (or `LOA_PEERS_PYTHON`) when it has smpplib.
    static var smpplibPython: String? {
        let python = ProcessInfo.processInfo.environment["LOA_PEERS_PYTHON"]
            ?? LoaProcess.repositoryRoot.appendingPathComponent(".venv-peers/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: python),
              (try? runCapturing(python, ["-c", "import smpplib.gsm"], input: Data())) != nil else { return nil }
        return python
    }

    /// Runs a program with `input` on standard input; returns its standard output, or throws
    /// when it exits non-zero.
    static func runCapturing(_ executable: String, _ arguments: [String], input: Data) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Write from another thread so a full output pipe cannot deadlock us.
        let writer = Thread {
            try? stdin.fileHandleForWriting.write(contentsOf: input)
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw E2EError("\(executable) \(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
        }
        return output
    }

    /// Runs `scripts/peers/kannel.sh ARGS`; throws with its output when it fails.
    ///
    /// Spawned with `posix_spawn` and reaped with `waitpid`: Foundation's `Process` was seen to
    /// miss the exit of a script that leaves daemons behind. Output goes to a file, not a pipe,
    /// because the daemons inherit it and would hold a pipe open.
    static func kannel(_ arguments: [String]) throws {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("kannel-sh-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let argv = ["/bin/bash", LoaProcess.repositoryRoot.appendingPathComponent("scripts/peers/kannel.sh").path] + arguments
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/bash", &actions, nil, &cArguments, environ)
        guard spawned == 0 else { throw E2EError("cannot run kannel.sh: error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        guard status == 0 else {
            throw E2EError("kannel.sh \(arguments.joined(separator: " ")) failed (status \(status)):\n\(text)")
        }
    }

    /// A TCP port on 127.0.0.1 that nothing listens on right now.
    static func freePort() throws -> Int {
        let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketDescriptor >= 0 else { throw E2EError("socket() failed") }
        defer { close(socketDescriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketDescriptor, $0, length) == 0 && getsockname(socketDescriptor, $0, &length) == 0 }
        }
        guard bound else { throw E2EError("bind() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
