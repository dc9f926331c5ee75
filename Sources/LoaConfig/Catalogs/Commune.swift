public import LoaCore

/// A commune police office (from `config/communes.yaml`).
public struct Commune: Sendable, Equatable, Decodable {
    /// The office's name, for example "Công an xã Na Ư".
    public var office: String
    public var district: String?
    public var province: String?
    public var address: String?
    /// Opening hours per locale tag.
    public var hours: [String: String]?
    /// The office's phone number, as residents dial it.
    public var phone: String?

    /// Opening hours in `locale`, falling back to Vietnamese.
    public func hours(for locale: MessageLocale) -> String? {
        hours?[locale.rawValue] ?? hours?[MessageLocale.vietnamese.rawValue]
    }
}
