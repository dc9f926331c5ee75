import Foundation

extension LayeredSettings {
    /// A list of durations (a YAML sequence, or comma-separated in the environment and flags),
    /// each written as ``seconds(_:default:in:)`` reads one and within `range`.
    ///
    /// ```yaml
    /// appointments:
    ///   reminders: [24h, 2h]
    /// ```
    public func durations(_ key: String, default defaultValue: [Double], in range: ClosedRange<Double>) throws(ConfigurationError) -> [Double] {
        guard let text = raw(key) else { return defaultValue }
        var values: [Double] = []
        for item in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
            guard let value = LayeredSettings.parseDuration(item), range.contains(value) else {
                throw ConfigurationError(key: key, message: "'\(item)' is not a duration such as 30m, 2h or 1d (from \(range.lowerBound) to \(range.upperBound) seconds); \(howToSet(key))")
            }
            values.append(value)
        }
        return values
    }
}
