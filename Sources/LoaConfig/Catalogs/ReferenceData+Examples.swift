extension ReferenceData {
    /// Up to three of `keys`, sorted and quoted, with the total when there are more: what an
    /// error message offers as valid values (`'muong-nhe', 'na-u', 'sin-thau' (12 in all)`).
    public static func examples(_ keys: some Collection<String>) -> String {
        let sorted = keys.sorted()
        return sorted.prefix(3).map { "'\($0)'" }.joined(separator: ", ") + (sorted.count > 3 ? " (\(sorted.count) in all)" : "")
    }
}
