import Foundation
import LoaProviders
import LoaSettings
import LoaSMPP
import Testing

/// Start-up validation of `type: smpp` providers: defaults, and each error naming the key and the fix.
@Suite("SMPP provider factory")
struct SMPPFactoryTests {
    static func blueprint(_ keys: [String: String]) throws(ConfigurationError) -> SMPPFactory.Blueprint? {
        var file = ["providers.smsc.type": "smpp", "providers.smsc.host": "smsc.example.vn",
                    "providers.smsc.systemId": "loa", "providers.smsc.password": "secret"]
        for (key, value) in keys { file["providers.smsc.\(key)"] = value }
        let settings = ProviderSettings(
            name: "smsc", values: LayeredSettings(source: "/nonexistent/loa.yaml", file: file, environment: [:], flags: [:]),
            publicURL: URL(string: "https://loa.example.vn")!, reportTimeoutSeconds: 3600)
        return try SMPPFactory.blueprint(settings) as? SMPPFactory.Blueprint
    }

    static func error(_ keys: [String: String]) -> ConfigurationError? {
        do {
            _ = try blueprint(keys)
            return nil
        } catch {
            return error
        }
    }

    @Test("the documented defaults")
    func defaults() throws {
        let settings = try #require(try Self.blueprint([:])).settings
        #expect(settings == SMPPSettings(host: "smsc.example.vn", port: 2775, systemID: "loa", password: "secret"))
        #expect(settings.window == 10)
        #expect(settings.bind == .transceiver)
        #expect(settings.enquireLinkIntervalSeconds == 30)
        #expect(settings.timeoutSeconds == 10)
        #expect(settings.longMessages == .udh)
        #expect(settings.sourceTON == nil)
    }

    @Test("every key is read")
    func keys() throws {
        let settings = try #require(try Self.blueprint([
            "port": "2776", "systemType": "VMA", "window": "50", "bind": "transmitter+receiver",
            "enquireLinkInterval": "15s", "timeout": "500ms", "longMessages": "payload", "sourceTon": "1", "sourceNpi": "1",
        ])).settings
        #expect(settings.port == 2776)
        #expect(settings.systemType == "VMA")
        #expect(settings.window == 50)
        #expect(settings.bind == .transmitterAndReceiver)
        #expect(settings.enquireLinkIntervalSeconds == 15)
        #expect(settings.timeoutSeconds == 0.5)
        #expect(settings.longMessages == .payload)
        #expect(settings.sourceTON == 1)
        #expect(settings.sourceNPI == 1)
    }

    @Test("bad values name their key", arguments: [
        (["bind": "both"], "providers.smsc.bind"),
        (["longMessages": "sar"], "providers.smsc.longMessages"),
        (["password": "muchtoolong"], "providers.smsc.password"),
        (["systemId": "a-system-id-of-20ch"], "providers.smsc.systemId"),
        (["window": "0"], "providers.smsc.window"),
        (["sourceTon": "9"], "providers.smsc.sourceTon"),
        (["host": ""], "providers.smsc.host"),
    ])
    func badValues(keys: [String: String], key: String) {
        let failure = Self.error(keys)
        #expect(failure?.key == key)
        #expect(failure?.message.isEmpty == false)
    }
}
