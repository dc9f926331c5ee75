public import Foundation
import LoaPeers

/// A program run to its end with its input from and its output to temporary files.
///
/// Files, not pipes: a pipe's reader waits for an end of file that never comes while any other
/// process holds its write end, and any process started at the same moment by another test
/// (a `loa serve`, Kannel's daemons) may inherit it. A file has no such reader.
///
/// ```swift
/// let run = try CapturedRun(executable: "/usr/bin/env", arguments: ["python3", "-V"])
/// print(run.status, String(decoding: run.standardOutput, as: UTF8.self))
/// ```
public struct CapturedRun: Sendable {
    /// The exit status.
    public let status: Int32
    public let standardOutput: Data
    public let standardError: Data

    /// Runs `executable` with `arguments` (blocking the calling thread until it exits).
    public init(
        executable: URL, arguments: [String], environment: [String: String]? = nil, currentDirectory: URL? = nil,
        input: Data? = nil
    ) throws {
        let folder = try TemporaryFolder(prefix: "loa-run")
        let inputPath = folder.path("input"), outputPath = folder.path("output"), errorPath = folder.path("error")
        try (input ?? Data()).write(to: URL(fileURLWithPath: inputPath))
        FileManager.default.createFile(atPath: outputPath, contents: nil)
        FileManager.default.createFile(atPath: errorPath, contents: nil)
        // Spawn, not Foundation's Process: Process.run() can crash this whole process (see Spawn).
        let pid = try Spawn.start(
            executable.path, arguments, environment: environment ?? ProcessInfo.processInfo.environment,
            currentDirectory: currentDirectory?.path, files: Spawn.Files(input: inputPath, output: outputPath, error: errorPath))
        status = Spawn.exitStatus(Spawn.wait(pid))
        standardOutput = (try? Data(contentsOf: URL(fileURLWithPath: outputPath))) ?? Data()
        standardError = (try? Data(contentsOf: URL(fileURLWithPath: errorPath))) ?? Data()
    }

    /// `executable` found on the `PATH` or given as a path.
    public init(executable: String, arguments: [String], input: Data? = nil) throws {
        if executable.contains("/") {
            try self.init(executable: URL(fileURLWithPath: executable), arguments: arguments, input: input)
        } else {
            try self.init(executable: URL(fileURLWithPath: "/usr/bin/env"), arguments: [executable] + arguments, input: input)
        }
    }
}
