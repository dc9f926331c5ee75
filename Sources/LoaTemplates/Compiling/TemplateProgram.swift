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
        /// The value in a slot, or nothing when it is absent.
        case value(Int)
        /// The steps, when the slot holds a value.
        case section(Int, [Step])
        /// The steps, when the slot is empty.
        case invertedSection(Int, [Step])
    }

    let steps: [Step]

    /// Compiles `source`, whose tags are `tags`, with variables numbered by `slots`. A variable
    /// outside `slots` is never given: it renders nothing, its sections never show and its inverted
    /// sections always do. Lines that hold nothing but a section tag or a comment disappear
    /// entirely, newline included, as the Mustache specification says. Whitespace at the very
    /// start and end of the template (the file's final newline) is dropped.
    init(source: String, tags: [MustacheTag], slots: VariableSlots) {
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
                if let slot = slots.indices[tag.name] { open[open.count - 1].steps.append(.value(slot)) }
            case .section, .invertedSection:
                open.append((tag, []))
            case .sectionEnd:
                guard open.count > 1, let opening = open.last?.tag, opening.name == tag.name else { continue }
                let body = open.removeLast().steps
                switch (opening.role, slots.indices[tag.name]) {
                case (.section, let slot?): open[open.count - 1].steps.append(.section(slot, body))
                case (_, let slot?): open[open.count - 1].steps.append(.invertedSection(slot, body))
                case (.section, nil): break
                case (_, nil): open[open.count - 1].steps += body
                }
            case .comment, .unsupported:
                continue
            }
        }
        appendText(source[cursor...])
        steps = TemplateProgram.trimmingEnds(of: open[0].steps)
    }

    private static func trimmingEnds(of steps: [Step]) -> [Step] {
        var steps = steps
        if case .text(let text)? = steps.last {
            let trimmed = String(text.reversed().drop { $0.isWhitespace }.reversed())
            steps[steps.count - 1] = .text(trimmed)
        }
        if case .text(let text)? = steps.first {
            steps[0] = .text(String(text.drop { $0.isWhitespace }))
        }
        return steps.filter { $0 != .text("") }
    }

    /// The template filled with `values`, indexed by slot; an absent variable renders empty.
    func render(_ values: [String?]) -> String {
        var output = ""
        output.reserveCapacity(320)
        TemplateProgram.append(steps, values: values, to: &output)
        return output
    }

    private static func append(_ steps: [Step], values: [String?], to output: inout String) {
        for step in steps {
            switch step {
            case .text(let text):
                output += text
            case .value(let slot):
                if let value = values[slot] { output += value }
            case .section(let slot, let body):
                if values[slot] != nil { append(body, values: values, to: &output) }
            case .invertedSection(let slot, let body):
                if values[slot] == nil { append(body, values: values, to: &output) }
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
