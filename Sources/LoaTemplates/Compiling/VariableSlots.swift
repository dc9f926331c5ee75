/// A kind's variables numbered once at load, so that a render fills an array by position instead
/// of hashing names again for every tag.
struct VariableSlots: Sendable {
    /// The variables in slot order: the kind's required ones, then its optional ones.
    let names: [String]
    /// Each variable's slot.
    let indices: [String: Int]

    init(_ names: [String]) {
        var unique: [String] = []
        var indices: [String: Int] = [:]
        for name in names where indices[name] == nil {
            indices[name] = unique.count
            unique.append(name)
        }
        self.names = unique
        self.indices = indices
    }

    /// The values by name, for swift-mustache.
    func dictionary(_ values: [String?]) -> [String: String] {
        var dictionary: [String: String] = [:]
        for (slot, value) in values.enumerated() {
            dictionary[names[slot]] = value
        }
        return dictionary
    }
}
