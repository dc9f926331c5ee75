import Foundation
public import LoaProviders
public import LoaSettings

/// Builds `type: smpp` providers: `host`, `port` (2775), `systemId`, `password`, `systemType`
/// (""), `window` (10), `bind` (transceiver | transmitter+receiver), `enquireLinkInterval` (30s),
/// `timeout` (10s), `longMessages` (udh | payload), `sourceTon` / `sourceNpi` (derived from the
/// sender when unset).
public enum SMPPFactory: ProviderFactory {
    public static let type = "smpp"

    public static func blueprint(_ settings: ProviderSettings) throws(ConfigurationError) -> any ProviderBlueprint {
        let values = settings.values
        let bindText = values.string(settings.key("bind"), default: SMPPBindMode.transceiver.rawValue)
        guard let bind = SMPPBindMode(rawValue: bindText) else {
            throw ConfigurationError(key: settings.key("bind"), message: "'\(bindText)' is not a bind mode; use transceiver or transmitter+receiver")
        }
        let longText = values.string(settings.key("longMessages"), default: LongMessageMode.udh.rawValue)
        guard let longMessages = LongMessageMode(rawValue: longText) else {
            throw ConfigurationError(key: settings.key("longMessages"), message: "'\(longText)' is not a long-message mode; use udh or payload")
        }
        let smpp = SMPPSettings(
            host: try values.requiredString(settings.key("host"), why: "the SMSC's host name or address"),
            port: try values.int(settings.key("port"), default: 2775, in: 1...65_535),
            systemID: try limited(values.requiredString(settings.key("systemId"), why: "the ESME account the SMSC gave Loa"),
                                  key: settings.key("systemId"), to: 15),
            password: try limited(values.requiredString(settings.key("password"), why: "the ESME account's password"),
                                  key: settings.key("password"), to: 8),
            systemType: try limited(values.string(settings.key("systemType"), default: ""), key: settings.key("systemType"), to: 12),
            window: try values.int(settings.key("window"), default: 10, in: 1...1_000),
            bind: bind,
            enquireLinkIntervalSeconds: try values.seconds(settings.key("enquireLinkInterval"), default: 30, in: 1...3_600),
            timeoutSeconds: try values.seconds(settings.key("timeout"), default: 10, in: 0.1...300),
            longMessages: longMessages,
            sourceTON: try optionalOctet(values, settings.key("sourceTon"), in: 0...6),
            sourceNPI: try optionalOctet(values, settings.key("sourceNpi"), in: 0...18))
        return Blueprint(name: settings.name, settings: smpp)
    }

    /// SMPP 3.4 bounds its C-octet strings (section 4.1): a longer value would be cut by the SMSC.
    private static func limited(_ value: String, key: String, to length: Int) throws(ConfigurationError) -> String {
        guard value.utf8.count <= length else {
            throw ConfigurationError(key: key, message: "SMPP 3.4 allows at most \(length) characters here; use the value the SMSC operator gave")
        }
        return value
    }

    private static func optionalOctet(_ values: LayeredSettings, _ key: String, in range: ClosedRange<Int>) throws(ConfigurationError) -> UInt8? {
        guard values.optionalString(key) != nil else { return nil }
        return UInt8(try values.int(key, default: 0, in: range))
    }

    /// An SMPP provider's validated settings.
    public struct Blueprint: ProviderBlueprint {
        public let name: String
        public let settings: SMPPSettings
        public var submitTimeoutSeconds: Double? { settings.submitTimeoutSeconds }

        /// Opens the part ledger beside the database and builds the adapter, which runs as a service.
        public func build(_ context: ProviderContext) throws(ConfigurationError) -> BuiltProvider {
            let path = context.companionFile(provider: name, purpose: "smpp-parts")
            let ledger: SMPPPartLedger
            do {
                ledger = try SMPPPartLedger(path: path)
            } catch {
                throw ConfigurationError(key: "database.path", message: "the SMPP provider '\(name)' cannot keep its part map in \(path) (\(error)); the folder of database.path must be writable")
            }
            let provider = SMPPProvider(name: name, settings: settings, ledger: ledger, receipts: context.receipts,
                                        inbound: context.inbound, logger: context.logger)
            return BuiltProvider(provider: provider, services: [provider])
        }
    }
}
