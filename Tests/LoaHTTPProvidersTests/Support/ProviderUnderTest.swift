import Foundation
import LoaCore
import LoaProviders
import LoaSettings
import Logging
@testable import LoaHTTPProviders

/// An HTTP provider built the way the gateway builds it: a preset of config/providers/, the
/// operator's keys over it (the stand-in's URL, secrets), through ``HTTPProviderFactory``.
struct ProviderUnderTest {
    let provider: HTTPProvider

    /// The repository's config/providers/<preset>.yaml.
    static func presetPath(_ preset: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("config/providers/\(preset).yaml").path
    }

    /// A receipt signing secret long enough for the configuration's rules.
    static let receiptSecret = String(repeating: "5e", count: 32)

    /// Builds provider `name` from `preset` with `keys` (relative to `providers.<name>.`).
    static func build(name: String, preset: String, keys: [String: String], receiptURL: String) throws -> ProviderUnderTest {
        var file = ["providers.\(name).type": "http", "providers.\(name).preset": presetPath(preset),
                    "providers.\(name).receiptSecret": receiptSecret, "providers.\(name).receiptURL": receiptURL]
        for (key, value) in keys { file["providers.\(name).\(key)"] = value }
        let values = LayeredSettings(source: "/nonexistent/loa.yaml", file: file, environment: [:], flags: [:])
        let settings = ProviderSettings(name: name, values: values, publicURL: URL(string: receiptURL)!, reportTimeoutSeconds: 3600)
        let blueprint = try HTTPProviderFactory.blueprint(settings)
        let built = try blueprint.build(ProviderContext(
            databasePath: "/nonexistent/loa.sqlite", receipts: UnusedSink(), inbound: UnusedSink(), logger: Logger(label: "test")))
        return ProviderUnderTest(provider: built.provider as! HTTPProvider)
    }

    func shutdown() async throws {
        try await provider.client.shutdown()
    }

    /// A request for a Vietnamese number.
    static func request(_ text: String, messageId: String = "msg\(UInt32.random(in: 0...UInt32.max))", attempt: Int = 1) throws -> SubmitRequest {
        let analysis = SMSText.analyse(text)
        return SubmitRequest(
            messageId: messageId, attempt: attempt, to: try PhoneNumber(e164: "+84912345678"), text: text,
            encoding: analysis.encoding, segments: analysis.segments, sender: "CAXANAU", kind: .resultReady, providerTemplateId: "T-1")
    }
}

/// Sinks a built provider is given but HTTP providers never call (their receipts come through
/// the receipt endpoint).
struct UnusedSink: DeliveryReceiptSink, InboundSink {
    func deliver(_ receipt: DeliveryReceipt) async throws {}
    func receive(_ message: InboundMessage) async throws {}
}
