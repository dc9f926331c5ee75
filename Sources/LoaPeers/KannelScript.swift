public import Foundation

/// `scripts/peers/kannel.sh`: real Kannel (bearerbox, smsbox, fakesmsc as the SMSC) as a peer.
public enum KannelScript {
    /// Whether Debian's `kannel` and `kannel-extras` are installed.
    public static var isInstalled: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/sbin/bearerbox")
            && FileManager.default.isExecutableFile(atPath: "/usr/lib/kannel/test/fakesmsc")
    }

    /// Runs the script on a thread of its own (see ``blockingWork(_:)``).
    public static func run(_ arguments: [String], repositoryRoot: URL, environment: [String: String] = [:]) async throws {
        try await blockingWork { try run(arguments, repositoryRoot: repositoryRoot, environment: environment) as Void }
    }

    /// Runs `scripts/peers/kannel.sh ARGS` from `repositoryRoot` with `environment` added;
    /// throws with its output when it fails. Output goes to a file, not a pipe, because the
    /// daemons inherit it (see ``PeerScript``).
    public static func run(_ arguments: [String], repositoryRoot: URL, environment: [String: String] = [:]) throws {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("kannel-sh-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let status = try PeerScript.run(
            repositoryRoot.appendingPathComponent("scripts/peers/kannel.sh").path, arguments,
            environment: environment, outputPath: outputPath)
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        guard status == 0 else {
            throw PeerError("kannel.sh \(arguments.joined(separator: " ")) failed (status \(status)):\n\(text)")
        }
    }
}

/// A peer could not be started or used.
public struct PeerError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
