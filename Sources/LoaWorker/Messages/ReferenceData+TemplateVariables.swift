public import LoaConfig
public import LoaCore
public import LoaTemplates

extension ReferenceData {
    /// The template variables a procedure and a commune fill in `locale`: `procedure`, `bring`,
    /// `office`, `officeAddress`, `officeHours`, `officePhone` (each only when known).
    public func templateVariables(procedure key: String, commune communeKey: String, locale: MessageLocale) -> [String: TemplateValue] {
        var values: [String: TemplateValue] = [:]
        if let procedure = procedures[key] {
            values["procedure"] = .text(procedure.name(for: locale))
            if let bring = procedure.bring(for: locale) { values["bring"] = .text(bring) }
        }
        if let commune = communes[communeKey] {
            values["office"] = .text(commune.office)
            if let address = commune.address { values["officeAddress"] = .text(address) }
            if let hours = commune.hours(for: locale) { values["officeHours"] = .text(hours) }
            if let phone = commune.phone { values["officePhone"] = .text(phone) }
        }
        return values
    }
}
