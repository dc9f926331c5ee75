import Foundation
import LoaConfig
import LoaSettings
import Testing

/// Settings at and past the edges of their types, from the file or from `LOA_*` variables, are
/// refused at start-up naming the key, never trapped on later.
@Suite("Configuration values at the edges of their types")
struct ExtremeSettingTests {
    func load(_ yaml: String, environment: [String: String] = [:]) throws -> GatewayConfiguration {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("loa-extreme-\(UUID().uuidString).yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        return try GatewayConfiguration.load(configPath: file.path, environment: environment)
    }

    func expectRefused(_ yaml: String, environment: [String: String] = [:], key: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try load(yaml, environment: environment)
            Issue.record("\(key) was accepted", sourceLocation: sourceLocation)
        } catch let error as ConfigurationError {
            #expect(error.key == key, "\(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("\(error)", sourceLocation: sourceLocation)
        }
    }

    @Test("durations that overflow a Double, are not numbers or are negative are refused", arguments: [
        "1e400s", "1e400ms", "1e400", "inf", "infinity", "nan", "-1s", "-0.5m", "1e308d", "0x1p1024s", "",
    ])
    func durations(written: String) {
        expectRefused("dispatch:\n  lease: \"\(written)\"\n", key: "dispatch.lease")
        expectRefused("", environment: ["LOA_DISPATCH_LEASE": written], key: "dispatch.lease")
    }

    @Test("whole numbers beyond 64 bits, with fractions or signs out of range are refused", arguments: [
        "99999999999999999999", "-9223372036854775809", "9223372036854775808", "1e3", "10.5", "-1", "0x10",
    ])
    func wholeNumbers(written: String) {
        expectRefused("dispatch:\n  batchSize: \"\(written)\"\n", key: "dispatch.batchSize")
        expectRefused("", environment: ["LOA_SERVER_PORT": written], key: "server.port")
    }

    @Test("a URL with a port outside 1–65535 is refused naming its key", arguments: ["99999", "65536", "0", "4294967297"])
    func ports(port: String) {
        expectRefused("", environment: ["LOA_SERVER_PUBLIC_URL": "http://127.0.0.1:\(port)"], key: "server.publicURL")
        expectRefused("""
            dispatch:
              provider: kannel
            providers:
              kannel:
                type: kannel
                url: http://127.0.0.1:\(port)/cgi-bin/sendsms
                username: loa
                password: secret
                receiptSecret: a-receipt-secret-of-at-least-32-bytes-here
            """, key: "providers.kannel.url")
    }

    @Test("the largest values allowed still load")
    func largestAllowed() throws {
        let configuration = try load("dispatch:\n  lease: 1d\n  batchSize: 10000\n", environment: ["LOA_SERVER_PUBLIC_URL": "http://127.0.0.1:65535"])
        #expect(configuration.dispatch.leaseSeconds == 86_400)
        #expect(configuration.server.publicURL.port == 65535)
    }
}
