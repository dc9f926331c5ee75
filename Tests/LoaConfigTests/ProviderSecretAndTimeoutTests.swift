import Foundation
import LoaConfig
import LoaSettings
import LoaProviders
import LoaCore
import Testing

/// Secrets Loa verifies with, and how long a provider's report is waited for.
@Suite("Provider secrets and report timeouts")
struct ProviderSecretAndTimeoutTests {
    static let goodSecret = "7f3a9c1e5b2d8f604a1c3e5f7b9d2a4c"

    func load(kannel extra: String = "", receiptSecret: String = goodSecret, environment: [String: String] = [:]) throws -> GatewayConfiguration {
        let yaml = """
            providers:
              sandbox:
                type: sandbox
              kannel:
                type: kannel
                url: http://127.0.0.1:13013/cgi-bin/sendsms
                username: loa
                password: x
                receiptSecret: "\(receiptSecret)"
            \(extra)
            """
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("loa-secrets-\(UUID().uuidString).yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        return try GatewayConfiguration.load(configPath: file.path, environment: environment)
    }

    @Test("a receipt secret shorter than 32 bytes, or the example value, is refused naming the key", arguments: [
        "short-secret", "change-me", String(repeating: "x", count: 31),
    ])
    func weakSecretRefused(secret: String) throws {
        do {
            _ = try load(receiptSecret: secret)
            Issue.record("expected '\(secret)' to be refused")
        } catch let error as ConfigurationError {
            #expect(error.key == "providers.kannel.receiptSecret", "\(error)")
            #expect(error.message.contains("openssl rand -hex 32"))
            if secret != LayeredSettings.exampleSecret {
                #expect(!error.message.contains(secret), "the error must not repeat the secret")
            }
        }
    }

    @Test("providers.<name>.inboundSecret is optional; when set it must be as strong as a receipt secret")
    func inboundSecret() throws {
        func kannelSettings(_ configuration: GatewayConfiguration) throws -> KannelSettings {
            try #require(configuration.providers.first { $0.name == "kannel" }?.blueprint as? KannelFactory.Blueprint).settings
        }
        #expect(try kannelSettings(try load()).inboundSecret == nil, "unset: Kannel hands over no inbound messages")
        let strong = String(Self.goodSecret.reversed())
        #expect(try kannelSettings(try load(kannel: "    inboundSecret: \"\(strong)\"")).inboundSecret == strong)
        for weak in ["short-secret", LayeredSettings.exampleSecret] {
            do {
                _ = try load(kannel: "    inboundSecret: \"\(weak)\"")
                Issue.record("expected '\(weak)' to be refused")
            } catch let error as ConfigurationError {
                #expect(error.key == "providers.kannel.inboundSecret", "\(error)")
                #expect(error.message.contains("openssl rand -hex 32"))
            }
        }
    }

    @Test("a weak secret from the environment is refused too; a strong one is taken")
    func environmentSecret() throws {
        do {
            _ = try load(environment: ["LOA_PROVIDERS_KANNEL_RECEIPT_SECRET": "change-me"])
            Issue.record("expected the example value to be refused")
        } catch let error as ConfigurationError {
            #expect(error.key == "providers.kannel.receiptSecret")
        }
        let configuration = try load()
        let settings = try #require(configuration.providers.first { $0.name == "kannel" }?.blueprint as? KannelFactory.Blueprint).settings
        #expect(settings.receiptSecret == Self.goodSecret)
        // 32 bytes of UTF-8 are enough even when they are fewer characters.
        #expect(throws: Never.self) { try load(receiptSecret: String(repeating: "ố", count: 11)) }
    }

    @Test("reportTimeout defaults to 72 h per provider, and the Kannel dlr-url is valid as long")
    func reportTimeouts() throws {
        let defaults = try load()
        #expect(defaults.reportTimeouts.seconds(for: "sandbox") == 72 * 3600)
        #expect(defaults.reportTimeouts.seconds(for: "kannel") == 72 * 3600)
        let configured = try load(kannel: "    reportTimeout: 48h")
        #expect(configured.reportTimeouts.seconds(for: "kannel") == 48 * 3600)
        #expect(configured.reportTimeouts.seconds(for: "sandbox") == 72 * 3600)
        let settings = try #require(configured.providers.first { $0.name == "kannel" }?.blueprint as? KannelFactory.Blueprint).settings
        // Twice the timeout: a late report can still settle an unreported message.
        #expect(settings.receiptValiditySeconds == 2 * 48 * 3600)
        do {
            _ = try load(kannel: "    reportTimeout: 10s")
            Issue.record("a report timeout under a minute must be refused")
        } catch let error as ConfigurationError {
            #expect(error.key == "providers.kannel.reportTimeout")
        }
    }
}
