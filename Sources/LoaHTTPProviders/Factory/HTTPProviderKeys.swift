import Foundation
import LoaProviders
import LoaSettings

/// Reads one `type: http` provider's keys: the operator's `providers.<name>.*` first, then the
/// preset named by `providers.<name>.preset`, whose keys are the same ones without the
/// `providers.<name>.` prefix (so a preset file can also be copied under `providers.<name>`).
struct HTTPProviderKeys {
    let settings: ProviderSettings
    /// The preset's keys, prefixed as if the operator had written them; nil without a preset.
    let preset: LayeredSettings?

    /// Loads the preset, if one is named: `preset: twilio` reads `providers/twilio.yaml` beside
    /// the configuration file; a value with a `/` or ending in `.yaml` is a path (relative to
    /// the configuration file's folder).
    init(_ settings: ProviderSettings) throws(ConfigurationError) {
        self.settings = settings
        let key = settings.key("preset")
        guard let name = settings.values.optionalString(key) else {
            preset = nil
            return
        }
        let folder = URL(fileURLWithPath: settings.values.source).deletingLastPathComponent()
        let isPath = name.contains("/") || name.hasSuffix(".yaml") || name.hasSuffix(".yml")
        let path = name.hasPrefix("/") ? name : folder.appendingPathComponent(isPath ? name : "providers/\(name).yaml").path
        guard FileManager.default.fileExists(atPath: path) else {
            throw ConfigurationError(key: key, message: "names preset '\(name)', but \(path) does not exist; use twilio, esms or speedsms with the presets of config/providers/ copied beside the configuration file, or give the preset's path; \(settings.values.howToSet(key))")
        }
        let file = try LayeredSettings.load(path: path, required: true, environment: [:], flags: [:])
        var prefixed: [String: String] = [:]
        for field in file.unreadFileKeys() {
            prefixed[settings.key(field)] = file.raw(field)
        }
        preset = LayeredSettings(source: path, file: prefixed, environment: [:], flags: [:])
    }

    /// The full key of `field`.
    func key(_ field: String) -> String { settings.key(field) }

    /// The layer that sets `field`: the operator's, else the preset's (the operator's when
    /// neither does, so messages say where to set it).
    func layer(_ field: String) -> LayeredSettings {
        if settings.values.raw(key(field)) != nil { return settings.values }
        if let preset, preset.raw(key(field)) != nil { return preset }
        return settings.values
    }

    /// Whether either layer sets `field`.
    func isSet(_ field: String) -> Bool { layer(field).raw(key(field)) != nil }

    /// The names directly under `field` in either layer.
    func children(_ field: String) -> [String] {
        let full = key(field)
        return Array(Set(settings.values.children(of: full) + (preset?.children(of: full) ?? []))).sorted()
    }

    /// Every value under `field`, by its dotted path below it (`fields.data.to` → `data.to`),
    /// in path order.
    func leaves(_ field: String) -> [(path: String, value: String)] {
        var found: [(path: String, value: String)] = []
        for child in children(field) {
            let inner = "\(field).\(child)"
            if let value = layer(inner).raw(key(inner)) {
                found.append((child, value))
            } else {
                found += leaves(inner).map { ("\(child).\($0.path)", $0.value) }
            }
        }
        return found
    }

    /// A comma-separated list (a YAML sequence reads as one).
    func list(_ field: String) -> [String]? {
        layer(field).raw(key(field)).map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
    }

    /// A template that must be set.
    func requiredTemplate(_ field: String, why: String) throws(ConfigurationError) -> FieldTemplate {
        try FieldTemplate(parsing: layer(field).requiredString(key(field), why: why), key: key(field))
    }

    /// A template, nil when unset.
    func optionalTemplate(_ field: String) throws(ConfigurationError) -> FieldTemplate? {
        guard let text = layer(field).raw(key(field)) else { return nil }
        return try FieldTemplate(parsing: text, key: key(field))
    }
}
