public import Foundation

extension LayeredSettings {
    /// A string value, or `defaultValue` when no layer sets it.
    public func string(_ key: String, default defaultValue: String) -> String {
        raw(key).map { $0.trimmingCharacters(in: .whitespaces) } ?? defaultValue
    }

    /// A string that must be set and non-empty.
    public func requiredString(_ key: String, why: String) throws(ConfigurationError) -> String {
        guard let value = raw(key)?.trimmingCharacters(in: .whitespaces), !value.isEmpty else {
            throw ConfigurationError(key: key, message: "is required (\(why)); \(howToSet(key))")
        }
        return value
    }

    /// The fewest UTF-8 bytes a secret may have.
    public static let minimumSecretBytes = 32
    /// The placeholder config/loa.yaml shows for secrets, refused as one.
    public static let exampleSecret = "change-me"

    /// A secret Loa signs or verifies with: required, at least ``minimumSecretBytes`` bytes, and
    /// not the example value of config/loa.yaml. Errors never repeat the value.
    public func secret(_ key: String, why: String) throws(ConfigurationError) -> String {
        let value = try requiredString(key, why: why)
        let fix = "use a long random string such as the output of `openssl rand -hex 32`; \(howToSet(key))"
        guard value != LayeredSettings.exampleSecret else {
            throw ConfigurationError(key: key, message: "is the example value '\(LayeredSettings.exampleSecret)' from config/loa.yaml (\(why)); \(fix)")
        }
        guard value.utf8.count >= LayeredSettings.minimumSecretBytes else {
            throw ConfigurationError(key: key, message: "is \(value.utf8.count) bytes; a secret needs at least \(LayeredSettings.minimumSecretBytes) (\(why)); \(fix)")
        }
        return value
    }

    /// An optional string; nil when unset or empty.
    public func optionalString(_ key: String) -> String? {
        guard let value = raw(key)?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    /// An integer within `range`.
    public func int(_ key: String, default defaultValue: Int, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
        guard let text = raw(key) else { return defaultValue }
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(value) else {
            throw ConfigurationError(key: key, message: "'\(text)' is not a whole number from \(range.lowerBound) to \(range.upperBound); \(howToSet(key))")
        }
        return value
    }

    /// A decimal number within `range`.
    public func double(_ key: String, default defaultValue: Double, in range: ClosedRange<Double>) throws(ConfigurationError) -> Double {
        guard let text = raw(key) else { return defaultValue }
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)), range.contains(value) else {
            throw ConfigurationError(key: key, message: "'\(text)' is not a number from \(range.lowerBound) to \(range.upperBound); \(howToSet(key))")
        }
        return value
    }

    /// `true`/`false` (also yes/no, on/off, 1/0).
    public func bool(_ key: String, default defaultValue: Bool) throws(ConfigurationError) -> Bool {
        guard let text = raw(key) else { return defaultValue }
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "true", "yes", "on", "1": return true
        case "false", "no", "off", "0": return false
        default: throw ConfigurationError(key: key, message: "'\(text)' is not true or false; \(howToSet(key))")
        }
    }

    /// A duration in seconds written as `500ms`, `30s`, `15m`, `2h`, `7d`, or a plain number of seconds.
    public func seconds(_ key: String, default defaultValue: Double, in range: ClosedRange<Double> = 0...(366 * 86_400)) throws(ConfigurationError) -> Double {
        guard let text = raw(key) else { return defaultValue }
        guard let value = LayeredSettings.parseDuration(text), range.contains(value) else {
            throw ConfigurationError(key: key, message: "'\(text)' is not a duration such as 500ms, 30s, 15m, 2h or 7d (from \(range.lowerBound) to \(range.upperBound) seconds); \(howToSet(key))")
        }
        return value
    }

    /// A URL with a scheme and host.
    public func url(_ key: String, default defaultValue: String?) throws(ConfigurationError) -> URL {
        guard let text = raw(key) ?? defaultValue else {
            throw ConfigurationError(key: key, message: "is required; \(howToSet(key))")
        }
        guard let url = URL(string: text.trimmingCharacters(in: .whitespaces)), url.scheme != nil, url.host != nil else {
            throw ConfigurationError(key: key, message: "'\(text)' is not an absolute URL such as http://127.0.0.1:8080; \(howToSet(key))")
        }
        // Foundation reads any digits as a port; a socket takes 16 bits.
        if let port = url.port, !(1...65535).contains(port) {
            throw ConfigurationError(key: key, message: "'\(text)' names port \(port); a port is a number from 1 to 65535; \(howToSet(key))")
        }
        return url
    }

    /// A required `http://` URL (not `https`): for peers Loa reaches over plain HTTP; `why` says so.
    public func plainHTTPURL(_ key: String, why: String) throws(ConfigurationError) -> URL {
        let url = try url(key, default: nil)
        guard url.scheme?.lowercased() == "http" else {
            throw ConfigurationError(key: key, message: "'\(url.absoluteString)' must be an http:// URL (\(why)); \(howToSet(key))")
        }
        return url
    }

    /// One of the raw values of `T`.
    public func choice<T: RawRepresentable & CaseIterable>(_ key: String, default defaultValue: T) throws(ConfigurationError) -> T where T.RawValue == String {
        guard let text = raw(key) else { return defaultValue }
        guard let value = T(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw ConfigurationError(key: key, message: "'\(text)' is not one of \(allowed); \(howToSet(key))")
        }
        return value
    }

    static func parseDuration(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400)]
        for (suffix, factor) in units where trimmed.hasSuffix(suffix) {
            guard let number = Double(trimmed.dropLast(suffix.count)), number >= 0 else { return nil }
            return number * factor
        }
        return Double(trimmed).flatMap { $0 >= 0 ? $0 : nil }
    }
}
