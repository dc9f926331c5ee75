/// A template compiled for fast rendering: text, values and sections, nothing else.
///
/// SMS templates use only plain variables and sections (`check` reports anything else), so this
/// small tree renders the same text as swift-mustache with the TEXT content type, at a fraction
/// of the cost: no dynamic casts, no context stack. `check` renders every sample both ways and
/// reports any difference; swift-mustache stays the reference and the syntax checker.
struct TemplateProgram: Sendable {
    indirect enum Step: Sendable, Equatable {
        /// Literal text.
        case text(String)
        /// A variable's value, or nothing when it is absent.
        case value(String)
        /// The steps, when the variable is given.
        case section(String, [Step])
        /// The steps, when the variable is absent.
        case invertedSection(String, [Step])
    }

    let steps: [Step]

    /// Compiles `source`, whose tags are `tags`. Lines that hold nothing but a section tag or a
    /// comment disappear entirely, newline included, as the Mustache specification says.
    init(source: String, tags: [MustacheTag]) {
        var open: [(tag: MustacheTag?, steps: [Step])] = [(nil, [])]
        var cursor = source.startIndex
        func appendText(_ text: Substring) {
            if !text.isEmpty { open[open.count - 1].steps.append(.text(String(text))) }
        }
        for tag in tags {
            var textEnd = tag.range.lowerBound
            var next = tag.range.upperBound
            if tag.canStandAlone, let line = TemplateProgram.standaloneLine(of: tag, in: source), line.start >= cursor {
                textEnd = line.start
                next = line.end
            }
            appendText(source[cursor..<textEnd])
            cursor = next
            switch tag.role {
            case .variable:
                open[open.count - 1].steps.append(.value(tag.name))
            case .section, .invertedSection:
                open.append((tag, []))
            case .sectionEnd:
                guard open.count > 1, let opening = open.last?.tag, opening.name == tag.name else { continue }
                let body = open.removeLast().steps
                open[open.count - 1].steps.append(
                    opening.role == .section ? .section(tag.name, body) : .invertedSection(tag.name, body)
                )
            case .comment, .unsupported:
                continue
            }
        }
        appendText(source[cursor...])
        steps = open[0].steps
    }

    /// The template filled with `values`; an absent variable renders empty.
    func render(_ values: [String: String]) -> String {
        var output = ""
        output.reserveCapacity(320)
        TemplateProgram.append(steps, values: values, to: &output)
        return output
    }

    private static func append(_ steps: [Step], values: [String: String], to output: inout String) {
        for step in steps {
            switch step {
            case .text(let text):
                output += text
            case .value(let name):
                if let value = values[name] { output += value }
            case .section(let name, let body):
                if values[name] != nil { append(body, values: values, to: &output) }
            case .invertedSection(let name, let body):
                if values[name] == nil { append(body, values: values, to: &output) }
            }
        }
    }

    /// When `tag` is alone on its line (only spaces or tabs around it): from the line's start to
    /// just after its newline.
    private static func standaloneLine(of tag: MustacheTag, in source: String) -> (start: String.Index, end: String.Index)? {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        let before = source[..<tag.range.lowerBound]
        let start = before.lastIndex(where: \.isNewline).map(source.index(after:)) ?? source.startIndex
        guard source[start..<tag.range.lowerBound].allSatisfy(isBlank) else { return nil }
        let after = source[tag.range.upperBound...]
        let newline = after.firstIndex(where: \.isNewline) ?? source.endIndex
        guard source[tag.range.upperBound..<newline].allSatisfy(isBlank) else { return nil }
        return (start, newline == source.endIndex ? newline : source.index(after: newline))
    }
}
