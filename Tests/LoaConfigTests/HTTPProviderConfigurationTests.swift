import Foundation
import LoaConfig
import LoaSettings
import Testing

/// A `type: http` provider in the gateway's configuration: the preset named by `preset` is read
/// from `providers/` beside the configuration file, and the file's keys are checked like any.
@Suite("HTTPS provider configuration")
struct HTTPProviderConfigurationTests {
    /// The repository's config/providers/.
    static let presets = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("config/providers")

    /// Loads `yaml` from a temporary folder holding a copy of the shipped presets.
    func load(_ yaml: String, environment: [String: String] = [:]) throws -> GatewayConfiguration {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loa-http-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: HTTPProviderConfigurationTests.presets, to: folder.appendingPathComponent("providers"))
        let file = folder.appendingPathComponent("loa.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        return try GatewayConfiguration.load(configPath: file.path, environment: environment)
    }

    static let twilio = """
        dispatch:
          provider: twilio
        providers:
          twilio:
            type: http
            preset: twilio
            sender: CAXANAU
            receiptSecret: "7f3a9c1e5b2d8f604a1c3e5f7b9d2a4c"
            secrets:
              accountSid: AC0123
        """

    @Test("a preset beside the configuration file, a secret from the environment")
    func presetAndEnvironmentSecret() throws {
        let configuration = try load(HTTPProviderConfigurationTests.twilio, environment: ["LOA_PROVIDERS_TWILIO_SECRETS_AUTH_TOKEN": "token"])
        let provider = try #require(configuration.providers.first { $0.name == "twilio" })
        #expect(provider.type == "http")
        #expect(provider.blueprint.submitTimeoutSeconds == 10)
    }

    @Test("a missing secret and a misspelt key are refused, naming the key")
    func refusals() throws {
        do {
            _ = try load(HTTPProviderConfigurationTests.twilio)
            Issue.record("a missing secret was accepted")
        } catch let error as ConfigurationError {
            #expect(error.key == "providers.twilio.secrets.authToken")
        }
        let misspelt = HTTPProviderConfigurationTests.twilio + "\n    answr:\n      messageId: sid\n"
        do {
            _ = try load(misspelt, environment: ["LOA_PROVIDERS_TWILIO_SECRETS_AUTH_TOKEN": "token"])
            Issue.record("a misspelt key was accepted")
        } catch let error as ConfigurationError {
            #expect(error.key == "providers.twilio.answr.messageId")
        }
    }
}
