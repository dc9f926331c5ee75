import Foundation
import LoaPeers
import LoaTestSupport

/// One provider of the benchmark's configuration: its name and its `key: value` lines.
struct ProviderEntry {
    let name: String
    let settings: [String]

    /// Loa's Kannel adapter sending to `kannel`, its receipts coming back to Loa on `loaPort`.
    static func kannel(_ name: String, _ kannel: FakeKannel, loaPort: Int) -> ProviderEntry {
        ProviderEntry(name: name, settings: [
            "type: kannel", "url: \(kannel.sendURL)", "username: loa", "password: loa-secret",
            "receiptSecret: loa-bench-receipt-secret-of-at-least-32-bytes", "receiptURL: http://127.0.0.1:\(loaPort)",
        ])
    }
}

extension LoaBinary {
    /// Loa on a free port, quiet hours off, sending through `kannel` with its receipts coming
    /// back to this Loa; extra `key: value` lines go under `dispatch` and `providers.kannel`.
    /// Nothing is taken from the test defaults: the benchmark measures the configuration as shipped.
    static func sending(
        through kannel: FakeKannel, dispatchSettings: [String] = [], providerSettings: [String] = []
    ) throws -> (loa: LoaBinary, port: Int) {
        try sending(dispatchSettings: dispatchSettings) { port in
            let entry = ProviderEntry.kannel("kannel", kannel, loaPort: port)
            return [ProviderEntry(name: entry.name, settings: entry.settings + providerSettings)]
        }
    }

    /// Loa sending through the providers `providers` makes for the port Loa will listen on,
    /// routed in the order given (`routes.default`) when there are more than one; on a new
    /// SQLite file, or on the `database` URL given.
    static func sending(
        dispatchSettings: [String] = [], database: String? = nil, providers: (_ loaPort: Int) -> [ProviderEntry]
    ) throws -> (loa: LoaBinary, port: Int) {
        guard FileManager.default.isExecutableFile(atPath: LoaBinary.executable.path) else {
            throw BenchmarkError("\(LoaBinary.executable.path) is missing; run `swift build -c release` first")
        }
        let port = try LoopbackPort.free()
        let entries = providers(port)
        let dispatch = (["provider: \(entries[0].name)"] + dispatchSettings).map { "  " + $0 }.joined(separator: "\n")
        let providerLines = entries.map { entry in
            "  \(entry.name):\n" + entry.settings.map { "    " + $0 }.joined(separator: "\n")
        }.joined(separator: "\n")
        let routes = entries.count > 1 ? "routes:\n  default: [\(entries.map(\.name).joined(separator: ", "))]\n" : ""
        // The load client and the stand-in's receipt callbacks all come from 127.0.0.1: no cap
        // on connections per address (the stand-in alone may hold --receipt-concurrency).
        let loa = try LoaBinary(defaults: [:], configuration: """
            server:
              maxConnectionsPerAddress: 0
            quietHours:
              enabled: false
            dispatch:
            \(dispatch)
            providers:
            \(providerLines)
            \(routes)
            """, database: database)
        return (loa, port)
    }
}

/// The benchmark could not run.
struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
