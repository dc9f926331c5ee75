import Foundation
import LoaConfig
import LoaCore
import LoaSettings
import Testing

@Suite("Configuration of what residents reach: lookup budget, USSD aggregators")
struct ResidentsConfigurationTests {
    func load(_ yaml: String) throws -> GatewayConfiguration {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("loa-config-\(UUID().uuidString).yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        return try GatewayConfiguration.load(configPath: file.path, environment: [:], flags: [:])
    }

    static let secret = "ussd-secret-of-at-least-thirty-two-bytes"

    @Test("defaults: five lookups, then one a minute; no USSD aggregator")
    func defaults() throws {
        let residents = try load("").residents
        #expect(residents.lookupBurst == 5)
        #expect(residents.secondsPerLookup == 60)
        #expect(residents.ussdAggregators.isEmpty)
    }

    @Test("an aggregator by secret, by address, or by both; each admits only what matches all it sets")
    func aggregators() throws {
        let residents = try load("""
            residents: {lookupBurst: 3, secondsPerLookup: 2m}
            ussd:
              aggregators:
                bykey: {secret: \(Self.secret)}
                byaddress: {allowFrom: "10.0.0.5, 10.0.0.6"}
                both: {secret: \(Self.secret)-2, allowFrom: 10.0.0.7}
            """).residents
        #expect(residents.lookupBurst == 3)
        #expect(residents.secondsPerLookup == 120)
        let byName = Dictionary(uniqueKeysWithValues: residents.ussdAggregators.map { ($0.name, $0) })
        let byKey = try #require(byName["bykey"])
        #expect(byKey.admits(key: Self.secret, address: "192.0.2.1"))
        #expect(!byKey.admits(key: Self.secret + "x", address: nil))
        #expect(!byKey.admits(key: nil, address: "192.0.2.1"))
        let byAddress = try #require(byName["byaddress"])
        #expect(byAddress.secret == nil)
        #expect(byAddress.admits(key: nil, address: "10.0.0.6"))
        #expect(!byAddress.admits(key: Self.secret, address: "10.0.0.8"))
        let both = try #require(byName["both"])
        #expect(both.admits(key: Self.secret + "-2", address: "10.0.0.7"))
        #expect(!both.admits(key: Self.secret + "-2", address: "10.0.0.5"))
        #expect(!both.admits(key: Self.secret, address: "10.0.0.7"))
    }

    @Test("an aggregator with neither a secret nor addresses, or a short secret, is refused naming its secret")
    func weakAggregatorsRefused() {
        for yaml in ["ussd: {aggregators: {a: {allowFrom: ''}}}", "ussd: {aggregators: {a: {secret: short}}}"] {
            #expect {
                _ = try load(yaml)
            } throws: { error in
                (error as? ConfigurationError)?.key == "ussd.aggregators.a.secret"
            }
        }
    }
}
