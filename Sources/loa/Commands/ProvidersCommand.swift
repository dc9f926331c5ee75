import ArgumentParser
import AsyncHTTPClient
import Foundation
import LoaConfig
import NIOCore
import NIOHTTP1

/// `loa providers`: each provider's circuit, connection, load and recent errors, asked of the
/// running gateway (`GET /v1/providers`): circuits and SMPP binds live in the serving process.
struct ProvidersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "providers",
        abstract: "Show each provider's circuit, connection, in-flight submissions and recent errors, and the routes.",
        discussion: "Asks the running gateway (at server.publicURL, or --url) with an operator or admin key.")

    @Option(name: .long, help: "Configuration file (default config/loa.yaml if it exists).")
    var config: String?

    @Option(name: .long, help: "The gateway's base URL (default: server.publicURL).")
    var url: String?

    @Option(name: .long, help: "A file holding an operator or admin API key (keeps the key out of the shell history).")
    var keyFile: String

    func run() async throws {
        let base: String
        if let url {
            base = url
        } else {
            do {
                base = try GatewayConfiguration.load(configPath: config).server.publicURL.absoluteString
            } catch {
                throw ValidationError("configuration error: \(error)")
            }
        }
        let key: String
        do {
            key = try String(contentsOfFile: keyFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        } catch {
            throw ValidationError("cannot read --key-file \(keyFile): \(error.localizedDescription)")
        }
        var request = HTTPClientRequest(url: base.trimmingSuffix("/") + "/v1/providers")
        request.headers.add(name: "Authorization", value: "Bearer \(key)")
        let body: ByteBuffer
        let status: UInt
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            status = response.status.code
            body = try await response.body.collect(upTo: 1 << 20)
        } catch {
            throw ValidationError("cannot reach the gateway at \(base): \(error); is loa serve running there?")
        }
        guard status == 200 else {
            throw ValidationError("the gateway answered \(status): \(String(buffer: body))")
        }
        let answer = try JSONDecoder().decode(Answer.self, from: Data(body.readableBytesView))
        print(Self.table(answer))
    }

    /// The answer of `GET /v1/providers`.
    struct Answer: Decodable {
        struct Provider: Decodable {
            struct Link: Decodable {
                let state: String
                let detail: String?
            }

            let name: String
            let type: String
            let circuit: String
            let link: Link?
            let inFlight: Int
            let recentSubmissions: Int
            let recentFailures: Int
            let lastError: String?
            let lastErrorAt: String?
        }

        struct RouteEntry: Decodable {
            let provider: String
            let weight: Int
        }

        let providers: [Provider]
        let routes: [String: [RouteEntry]]
    }

    /// One line per provider, then one per route.
    static func table(_ answer: Answer) -> String {
        var rows = [["PROVIDER", "TYPE", "CIRCUIT", "LINK", "IN FLIGHT", "RECENT FAILURES", "LAST ERROR"]]
        for provider in answer.providers {
            let link = provider.link.map { [$0.state, $0.detail].compactMap { $0 }.joined(separator: ": ") } ?? "-"
            let last = provider.lastError.map { "\(provider.lastErrorAt ?? "") \($0)" } ?? "-"
            rows.append([
                provider.name, provider.type, provider.circuit, link, String(provider.inFlight),
                "\(provider.recentFailures)/\(provider.recentSubmissions)", last,
            ])
        }
        let widths = (0..<rows[0].count - 1).map { column in rows.map { $0[column].count }.max() ?? 0 }
        var lines = rows.map { row in
            zip(row.dropLast(), widths).map { $0.padding(toLength: $1 + 2, withPad: " ", startingAt: 0) }.joined() + (row.last ?? "")
        }
        lines.append("")
        for (route, entries) in answer.routes.sorted(by: { $0.key < $1.key }) {
            let providers = entries.map { $0.weight == 1 ? $0.provider : "\($0.provider):\($0.weight)" }
            lines.append("route \(route): \(providers.joined(separator: " -> "))")
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
