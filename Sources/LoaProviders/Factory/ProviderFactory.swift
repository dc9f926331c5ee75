public import LoaSettings

/// Makes the providers of one `providers.<name>.type` from their settings.
///
/// A factory reads and validates its own keys at start-up (errors name the key and the fix) and
/// returns a blueprint; the gateway builds the blueprint once the store and the receipt sink
/// exist. Adding a provider type is one factory plus one line in LoaConfig's `ProviderTypes`.
///
/// ```swift
/// enum SandboxFactory: ProviderFactory {
///     static let type = "sandbox"
///     static func blueprint(_ settings: ProviderSettings) throws(ConfigurationError) -> any ProviderBlueprint { … }
/// }
/// ```
public protocol ProviderFactory {
    /// The `providers.<name>.type` value this factory builds.
    static var type: String { get }

    /// Reads `providers.<name>.*` (the keys of this type) and validates them.
    /// - Throws: ``ConfigurationError`` naming the bad key and how to set it.
    static func blueprint(_ settings: ProviderSettings) throws(ConfigurationError) -> any ProviderBlueprint
}

/// A provider's validated settings, ready to be built into a running adapter.
public protocol ProviderBlueprint: Sendable {
    /// The provider's name in configuration.
    var name: String { get }
    /// The longest one submission can take before it counts as timed out; nil when it never waits.
    var submitTimeoutSeconds: Double? { get }

    /// Builds the adapter and the services it needs running (sessions, receipt timers).
    /// - Throws: ``ConfigurationError`` when a resource the settings name cannot be opened.
    func build(_ context: ProviderContext) throws(ConfigurationError) -> BuiltProvider
}
