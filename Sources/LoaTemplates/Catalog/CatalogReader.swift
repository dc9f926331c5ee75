import Yams

/// Reads `catalog.yaml` node by node, so that every error can name its line and key path.
///
/// Values that cannot be used throw ``TemplateCatalogError``; unknown keys (usually typos) are
/// collected as problems for `loa templates check` and otherwise ignored.
struct CatalogReader {
    /// The catalog's file name inside the templates directory.
    static let file = "catalog.yaml"

    /// Unknown keys found so far.
    private(set) var problems: [TemplateProblem] = []
    /// The line of every key path read so far (`kinds.result_ready.priority` → 57).
    private(set) var lines: [String: Int] = [:]

    /// The entries of a mapping whose keys are names chosen by the catalog's author (kinds,
    /// variables, locales), in file order.
    mutating func entries(of node: Node, at path: String) throws(TemplateCatalogError) -> [(name: String, node: Node)] {
        guard case .mapping(let mapping) = node else {
            throw invalid(node, at: path, fix: "write a mapping of name: value")
        }
        var entries: [(name: String, node: Node)] = []
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                throw invalid(key, at: path, fix: "use a plain name as the key")
            }
            lines[join(path, name)] = key.mark?.line
            entries.append((name, value))
        }
        return entries
    }

    /// Records a problem in `catalog.yaml` at `path`'s line.
    mutating func report(at path: String, _ message: String) {
        problems.append(TemplateProblem(file: Self.file, line: lines[path], message: "\(path): \(message)"))
    }

    /// The fields of a mapping with a fixed set of keys; unknown keys become problems.
    mutating func fields(of node: Node, at path: String, known: [String]) throws(TemplateCatalogError) -> Fields {
        var fields: [String: Node] = [:]
        for (name, value) in try entries(of: node, at: path) {
            fields[name] = value
            guard !known.contains(name) else { continue }
            let suggestion = SpellingSuggestion.closest(to: name, among: known)
            problems.append(TemplateProblem(
                file: Self.file, line: lines[join(path, name)],
                message: "\(path.isEmpty ? "top level" : path): unknown key '\(name)'; "
                    + (suggestion.map { "did you mean '\($0)'?" } ?? "known keys are \(known.joined(separator: ", "))")
            ))
        }
        return Fields(path: path, line: node.mark?.line, values: fields, known: known)
    }

    /// A required field's node, or an error that names the key and any near-miss spelling found.
    func required(_ key: String, in fields: Fields, fix: String) throws(TemplateCatalogError) -> Node {
        if let node = fields.values[key] { return node }
        let nearMiss = fields.values.keys.first { name in
            !fields.known.contains(name) && SpellingSuggestion.closest(to: name, among: [key]) != nil
        }
        throw .missingKey(
            file: Self.file, line: fields.line, key: join(fields.path, key),
            fix: nearMiss.map { "found '\($0)': did you mean '\(key)'?" } ?? fix
        )
    }

    func string(_ node: Node, at path: String) throws(TemplateCatalogError) -> String {
        guard let text = node.scalar?.string, !isNull(node) else {
            throw invalid(node, at: path, fix: "write a string")
        }
        return text
    }

    /// A string, or nil for `null` or an absent key.
    func optionalString(_ node: Node?, at path: String) throws(TemplateCatalogError) -> String? {
        guard let node, !isNull(node) else { return nil }
        return try string(node, at: path)
    }

    func positiveInt(_ node: Node, at path: String) throws(TemplateCatalogError) -> Int {
        guard let value = node.scalar.flatMap({ Int($0.string) }), value > 0 else {
            throw invalid(node, at: path, fix: "write a whole number of at least 1")
        }
        return value
    }

    func bool(_ node: Node, at path: String) throws(TemplateCatalogError) -> Bool {
        guard let value = node.bool else { throw invalid(node, at: path, fix: "write true or false") }
        return value
    }

    /// A list of strings (`[a, b]`); an absent key is an empty list.
    func stringList(_ node: Node?, at path: String) throws(TemplateCatalogError) -> [String] {
        guard let node else { return [] }
        guard case .sequence(let sequence) = node else {
            throw invalid(node, at: path, fix: "write a list such as [name, office]")
        }
        var strings: [String] = []
        for element in sequence {
            strings.append(try string(element, at: path))
        }
        return strings
    }

    /// One of a string-backed enumeration's values.
    func choice<Choice: RawRepresentable & CaseIterable>(
        _ node: Node, at path: String, of type: Choice.Type
    ) throws(TemplateCatalogError) -> Choice where Choice.RawValue == String {
        let text = try string(node, at: path)
        guard let value = Choice(rawValue: text) else {
            let options = Choice.allCases.map(\.rawValue)
            let suggestion = SpellingSuggestion.closest(to: text, among: options).map { "did you mean '\($0)'? " } ?? ""
            throw .invalidValue(
                file: Self.file, line: node.mark?.line, key: path, found: text,
                fix: suggestion + "use one of \(options.joined(separator: ", "))"
            )
        }
        return value
    }

    func invalid(_ node: Node, at path: String, fix: String) -> TemplateCatalogError {
        .invalidValue(file: Self.file, line: node.mark?.line, key: path, found: describe(node), fix: fix)
    }

    func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    private func isNull(_ node: Node) -> Bool {
        node.null != nil
    }

    private func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): scalar.string
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}
