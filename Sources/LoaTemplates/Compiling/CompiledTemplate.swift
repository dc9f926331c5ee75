import LoaCore
import Mustache

/// One template file, parsed once at load and rendered many times without re-parsing.
struct CompiledTemplate: Sendable {
    /// The file, relative to the templates directory.
    let file: String
    /// The file's text.
    let source: String
    /// The file's tags, for `check`.
    let tags: [MustacheTag]
    /// What ``render(_:)`` runs.
    private let program: TemplateProgram
    /// swift-mustache's parse of the same text: the reference ``program`` must agree with.
    private let reference: MustacheTemplate

    /// Switches the reference to the TEXT content type, so values are inserted as given: an SMS is
    /// not HTML, and `&`, `<` or quotes in a name must reach the resident unchanged.
    private static let textContentType = "{{%CONTENT_TYPE:TEXT}}"

    init(file: String, source: String, slots: VariableSlots) throws(TemplateCatalogError) {
        do {
            reference = try MustacheTemplate(string: CompiledTemplate.textContentType + source)
        } catch let error as MustacheTemplate.ParserError {
            let context = error.context
            let prefix = context.lineNumber == 1 ? CompiledTemplate.textContentType.count : 0
            throw .templateSyntax(
                file: file, line: context.lineNumber, column: max(1, context.columnNumber - prefix),
                problem: "\(error.error)"
            )
        } catch {
            throw .templateSyntax(file: file, line: 1, column: 1, problem: "\(error)")
        }
        self.file = file
        self.source = source
        tags = MustacheTagScanner.tags(in: source)
        program = TemplateProgram(source: source, tags: tags, slots: slots)
    }

    /// The template filled with `values` (by slot, the text as shown); an absent variable renders
    /// empty and its sections are skipped. Surrounding whitespace is removed.
    func render(_ values: [String?]) -> String {
        CompiledTemplate.trimmed(program.render(values))
    }

    /// What swift-mustache renders for the same values, trimmed the same way; `check` compares it
    /// with ``render(_:)``.
    func renderWithReference(_ values: [String?], slots: VariableSlots) -> String {
        CompiledTemplate.trimmed(reference.render(slots.dictionary(values)))
    }

    private static func trimmed(_ text: String) -> String {
        let isSpace: (UInt8?) -> Bool = { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        guard isSpace(text.utf8.first) || isSpace(text.utf8.last) else { return text }
        return text.trimmingWhitespace()
    }
}
