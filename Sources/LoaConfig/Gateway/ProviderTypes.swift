import LoaHTTPProviders
import LoaProviders
import LoaSMPP

/// Every provider type `providers.<name>.type` can name, each made by its factory. Adding a
/// type is adding its factory here.
public enum ProviderTypes {
    /// The factories, by type.
    static let factories: [any ProviderFactory.Type] = [SandboxFactory.self, KannelFactory.self, HTTPProviderFactory.self, SMPPFactory.self]

    /// The factory of `type`, if there is one.
    static func factory(_ type: String) -> (any ProviderFactory.Type)? {
        factories.first { $0.type == type }
    }

    /// The types there are, for messages.
    public static var names: [String] { factories.map { $0.type } }
}
