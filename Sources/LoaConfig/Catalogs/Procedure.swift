public import LoaCore

/// An administrative procedure a commune police office handles (from `config/procedures.yaml`).
public struct Procedure: Sendable, Equatable, Decodable {
    /// The DVCQG procedure code (mã TTHC), where known.
    public var code: String?
    /// The area: identity, residence, electronic_id, vehicle, immigration, security_order.
    public var area: String
    /// The name per locale tag (`vi`, `hmn`).
    public var name: [String: String]
    /// What to bring at pickup, per locale tag.
    public var bring: [String: String]?

    /// The name to use in a message of `locale`, falling back to Vietnamese.
    public func name(for locale: MessageLocale) -> String {
        name[locale.rawValue] ?? name[MessageLocale.vietnamese.rawValue] ?? ""
    }

    /// What to bring, in `locale`, falling back to Vietnamese; nil when the catalog says nothing.
    public func bring(for locale: MessageLocale) -> String? {
        bring?[locale.rawValue] ?? bring?[MessageLocale.vietnamese.rawValue]
    }
}
