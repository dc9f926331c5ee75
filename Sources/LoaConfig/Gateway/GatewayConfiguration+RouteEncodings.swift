public import LoaCore

extension GatewayConfiguration {
    /// The encoding policies per locale of the provider `recipient`'s route tries first
    /// (`providers.<name>.encoding`); a message is rendered with them before a provider is chosen.
    public func encodingPolicies(for recipient: PhoneNumber) -> [MessageLocale: EncodingPolicy] {
        routing.route(for: recipient).entries.first.flatMap { routeEncodings[$0.provider] } ?? [:]
    }
}
