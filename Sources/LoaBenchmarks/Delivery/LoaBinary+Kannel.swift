import Foundation
import LoaPeers
import LoaTestSupport

extension LoaBinary {
    /// Loa on a free port, quiet hours off, sending through `kannel` with its receipts coming
    /// back to this Loa; extra `key: value` lines go under `dispatch` and `providers.kannel`.
    /// Nothing is taken from the test defaults: the benchmark measures the configuration as shipped.
    static func sending(
        through kannel: FakeKannel, dispatchSettings: [String] = [], providerSettings: [String] = []
    ) throws -> (loa: LoaBinary, port: Int) {
        try sending(through: [("kannel", kannel)], dispatchSettings: dispatchSettings, providerSettings: providerSettings)
    }

    /// Loa sending through several Kannel stand-ins, each a provider of its own (named as given),
    /// routed in the order given (`routes.default`) when there are more than one.
    static func sending(
        through standIns: [(name: String, kannel: FakeKannel)], dispatchSettings: [String] = [], providerSettings: [String] = []
    ) throws -> (loa: LoaBinary, port: Int) {
        guard FileManager.default.isExecutableFile(atPath: LoaBinary.executable.path) else {
            throw BenchmarkError("\(LoaBinary.executable.path) is missing; run `swift build -c release` first")
        }
        let port = try LoopbackPort.free()
        let dispatch = (["provider: \(standIns[0].name)"] + dispatchSettings).map { "  " + $0 }.joined(separator: "\n")
        let providers = standIns.map { name, kannel in
            "  \(name):\n" + ([
                "type: kannel", "url: \(kannel.sendURL)", "username: loa", "password: loa-secret",
                "receiptSecret: loa-bench-receipt-secret-of-at-least-32-bytes", "receiptURL: http://127.0.0.1:\(port)",
            ] + providerSettings).map { "    " + $0 }.joined(separator: "\n")
        }.joined(separator: "\n")
        let routes = standIns.count > 1 ? "routes:\n  default: [\(standIns.map(\.name).joined(separator: ", "))]\n" : ""
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
            \(providers)
            \(routes)
            """)
        return (loa, port)
    }
}

/// The benchmark could not run.
struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
