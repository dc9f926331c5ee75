import Foundation
public import LoaSettings

extension GatewayConfiguration {
    /// What residents may ask of Loa themselves (SMS keywords, USSD).
    public struct Residents: Sendable, Equatable {
        /// Dossier lookups one phone may make at once (SMS `HS` and USSD together).
        public var lookupBurst: Int
        /// Then one more lookup each this many seconds.
        public var secondsPerLookup: Double
        /// Aggregators allowed to call `POST /v1/ussd`; none turns USSD off.
        public var ussdAggregators: [USSDAggregator]
    }

    /// A USSD aggregator (`ussd.aggregators.<name>`): it proves who it is with a shared secret in
    /// the `X-USSD-Key` header, by calling from an allowed address, or both when both are set.
    public struct USSDAggregator: Sendable, Equatable {
        public var name: String
        /// The shared secret it sends in `X-USSD-Key`; nil when only its address is checked.
        public var secret: String?
        /// Addresses it calls from (`allowFrom`, comma-separated); empty when only the secret is checked.
        public var allowFrom: Set<String>

        /// Whether a call with `key` in `X-USSD-Key` from `address` comes from this aggregator.
        public func admits(key: String?, address: String?) -> Bool {
            let keyMatches = secret.map { secret in key.map { USSDAggregator.sameBytes($0, secret) } ?? false } ?? true
            let addressMatches = allowFrom.isEmpty || address.map(allowFrom.contains) ?? false
            return keyMatches && addressMatches
        }

        /// Compares in time that does not depend on where the strings first differ.
        static func sameBytes(_ a: String, _ b: String) -> Bool {
            let left = Array(a.utf8), right = Array(b.utf8)
            guard left.count == right.count else { return false }
            return zip(left, right).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
        }
    }

    static func residents(_ settings: LayeredSettings) throws(ConfigurationError) -> Residents {
        var aggregators: [USSDAggregator] = []
        for name in settings.children(of: "ussd.aggregators") {
            let prefix = "ussd.aggregators.\(name)"
            let allowFrom = Set((settings.optionalString("\(prefix).allowFrom") ?? "")
                .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
            let secret: String? = settings.optionalString("\(prefix).secret") == nil && !allowFrom.isEmpty
                ? nil : try settings.secret("\(prefix).secret", why: "the USSD aggregator \(name) sends it in X-USSD-Key; or set \(prefix).allowFrom to the addresses it calls from")
            aggregators.append(USSDAggregator(name: name, secret: secret, allowFrom: allowFrom))
        }
        return Residents(
            lookupBurst: try settings.int("residents.lookupBurst", default: 5, in: 1...1000),
            secondsPerLookup: try settings.seconds("residents.secondsPerLookup", default: 60, in: 1...86_400),
            ussdAggregators: aggregators)
    }
}
