import Foundation
import LoaConfig
import LoaSettings
import LoaCore
import Testing

@Suite("Retention configuration")
struct RetentionConfigurationTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func load(_ yaml: String, environment: [String: String] = [:]) throws -> GatewayConfiguration {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("loa-retention-\(UUID().uuidString).yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        return try GatewayConfiguration.load(configPath: file.path, environment: environment)
    }

    @Test("retention.messages is 90 days unless set, in the shipped file too; it takes durations")
    func defaultsAndDurations() throws {
        #expect(try load("").retention == RetentionPolicy(messageSeconds: 90 * 86_400))
        let shipped = try GatewayConfiguration.load(
            configPath: Self.repositoryRoot.appendingPathComponent("config/loa.yaml").path, environment: [:])
        #expect(shipped.retention == .standard)
        #expect(try load("retention:\n  messages: 30d\n").retention.messageSeconds == 30 * 86_400)
        #expect(try load("", environment: ["LOA_RETENTION_MESSAGES": "365d"]).retention.messageSeconds == 365 * 86_400)
    }

    @Test("a retention shorter than a day, longer than ten years or not a duration is refused, naming the key")
    func refusals() {
        for value in ["1h", "0", "3651d", "forever"] {
            let error = #expect(throws: ConfigurationError.self, "\(value)") { try load("retention:\n  messages: \(value)\n") }
            #expect(error?.key == "retention.messages", "\(value)")
        }
    }
}
