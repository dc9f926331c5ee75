import Foundation

/// Lists the tags of a Mustache template that has already parsed, so that `check` can compare the
/// variables it uses with the catalog and ``TemplateProgram`` can compile it. (swift-mustache keeps
/// its parsed tokens private.)
enum MustacheTagScanner {
    static func tags(in source: String) -> [MustacheTag] {
        var tags: [MustacheTag] = []
        var openSections: [String] = []
        var line = 1
        var cursor = source.startIndex
        while let opening = source.range(of: "{{", range: cursor..<source.endIndex) {
            line += newlines(in: source[cursor..<opening.lowerBound])
            let isTriple = source[opening.upperBound...].hasPrefix("{")
            let contentStart = isTriple ? source.index(after: opening.upperBound) : opening.upperBound
            guard let closing = source.range(of: isTriple ? "}}}" : "}}", range: contentStart..<source.endIndex) else {
                break
            }
            let content = source[contentStart..<closing.lowerBound]
            let (role, name) = isTriple ? (.variable, trimmed(content)) : classify(content)
            tags.append(MustacheTag(
                role: role, name: name, line: line, range: opening.lowerBound..<closing.upperBound, enclosingSections: openSections
            ))
            switch role {
            case .section, .invertedSection:
                openSections.append(name)
            case .sectionEnd where openSections.last == name:
                openSections.removeLast()
            default:
                break
            }
            line += newlines(in: content)
            cursor = closing.upperBound
        }
        return tags
    }

    private static func classify(_ content: Substring) -> (MustacheTag.Role, String) {
        guard let sigil = content.first(where: { !$0.isWhitespace }) else { return (.variable, "") }
        let rest = trimmed(content.drop { $0 != sigil }.dropFirst())
        let role: MustacheTag.Role
        switch sigil {
        case "!": return (.comment, "")
        case "#": role = .section
        case "^": role = .invertedSection
        case "/": role = .sectionEnd
        case "&": role = .variable
        case ">": return (.unsupported("partial {{>\(rest)}}"), rest)
        case "<": return (.unsupported("parent template {{<\(rest)}}"), rest)
        case "$": return (.unsupported("block {{$\(rest)}}"), rest)
        case "=": return (.unsupported("delimiter change {{=\(rest)}}"), rest)
        case "%": return (.unsupported("pragma {{%\(rest)}}"), rest)
        default: return nameRole(.variable, trimmed(content))
        }
        return nameRole(role, rest)
    }

    /// Transforms such as `{{uppercased(name)}}` and dotted names are not plain variable names.
    private static func nameRole(_ role: MustacheTag.Role, _ name: String) -> (MustacheTag.Role, String) {
        if name.contains("(") { return (.unsupported("transform '\(name)'"), name) }
        if name.contains(".") { return (.unsupported("dotted name '\(name)'"), name) }
        return (role, name)
    }

    private static func trimmed(_ text: Substring) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func newlines(in text: Substring) -> Int {
        text.reduce(0) { $1.isNewline ? $0 + 1 : $0 }
    }
}
