public import Foundation
public import LoaSettings

/// One provider's part of the configuration, as its factory sees it: the keys under
/// `providers.<name>.` plus what the gateway decided for every provider.
public struct ProviderSettings: Sendable {
    /// The provider's name (`providers.<name>`).
    public let name: String
    /// Every configuration layer; read this provider's keys through ``key(_:)``.
    public let values: LayeredSettings
    /// Loa's own base URL as providers reach it (receipt callbacks).
    public let publicURL: URL
    /// How long a final report is waited for (`providers.<name>.reportTimeout`); callback URLs
    /// stay valid for twice as long, so a late report can still settle an `unreported` message.
    public let reportTimeoutSeconds: Double

    /// Creates the view of `providers.<name>`.
    public init(name: String, values: LayeredSettings, publicURL: URL, reportTimeoutSeconds: Double) {
        self.name = name
        self.values = values
        self.publicURL = publicURL
        self.reportTimeoutSeconds = reportTimeoutSeconds
    }

    /// The full key of one of this provider's settings: `key("url")` → `providers.<name>.url`.
    public func key(_ field: String) -> String { "providers.\(name).\(field)" }
}
