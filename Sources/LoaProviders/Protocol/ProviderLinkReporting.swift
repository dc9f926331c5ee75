public import Foundation

/// A provider that holds a connection of its own (an SMPP bind) and can say how it stands, for
/// operators (`GET /v1/providers`, `loa providers`).
public protocol ProviderLinkReporting: Sendable {
    /// The connection's state now.
    var link: ProviderLink { get }
}

/// How a provider's own connection stands.
public struct ProviderLink: Sendable, Equatable {
    /// Where a connection stands.
    public enum State: String, Sendable, Equatable, CaseIterable {
        /// Connecting or binding.
        case connecting
        /// Bound: submissions can go.
        case bound
        /// The provider refused the bind (credentials, system type): an operator must act.
        case bindFailed
        /// Not connected; reconnecting with backoff.
        case disconnected
    }

    public var state: State
    /// What the provider or the network last said (a bind error, why the connection dropped).
    public var detail: String?
    /// When the state began.
    public var since: Date

    /// Creates a link description.
    public init(state: State, detail: String? = nil, since: Date) {
        self.state = state
        self.detail = detail
        self.since = since
    }
}
