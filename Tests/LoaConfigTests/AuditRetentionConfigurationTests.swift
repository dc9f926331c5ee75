import Foundation
import LoaConfig
import LoaCore
import LoaSettings
import Testing

@Suite("Audit retention configuration")
struct AuditRetentionConfigurationTests {
    func load(_ yaml: String) throws -> GatewayConfiguration {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("loa-audit-retention-\(UUID().uuidString).yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        return try GatewayConfiguration.load(configPath: file.path, environment: [:])
    }

    @Test("retention.audit is 730 days unless set, never less than retention.messages; a shorter one is refused by name")
    func auditOutlivesMessages() throws {
        #expect(try load("").retention.auditSeconds == 730 * 86_400)
        #expect(try load("retention:\n  audit: 1000d\n").retention.auditSeconds == 1000 * 86_400)
        #expect(try load("retention:\n  messages: 1000d\n").retention.auditSeconds == 1000 * 86_400, "the default follows a longer retention.messages")
        let error = #expect(throws: ConfigurationError.self) { try load("retention:\n  messages: 90d\n  audit: 30d\n") }
        #expect(error?.key == "retention.audit")
        #expect(RetentionPolicy(messageSeconds: 86_400, auditSeconds: 10 * 86_400).auditHorizon(now: Date(timeIntervalSince1970: 864_000)) == Date(timeIntervalSince1970: 0))
    }
}
