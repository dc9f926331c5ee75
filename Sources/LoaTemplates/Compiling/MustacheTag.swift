/// One `{{…}}` tag of a template, as `loa templates check` and ``TemplateProgram`` see it.
struct MustacheTag: Equatable {
    /// What the tag does.
    enum Role: Equatable {
        /// `{{name}}`, `{{{name}}}` or `{{& name}}`: inserts a value.
        case variable
        /// `{{#name}}`: shows its content when the variable is given.
        case section
        /// `{{^name}}`: shows its content when the variable is absent.
        case invertedSection
        /// `{{/name}}`.
        case sectionEnd
        /// `{{! … }}`.
        case comment
        /// A Mustache feature SMS templates do not use (partials, lambdas' transforms, delimiter
        /// changes, pragmas, dotted names); the associated text names it.
        case unsupported(String)
    }

    let role: Role
    /// The variable name, trimmed; empty for comments.
    let name: String
    /// The 1-based line the tag starts on.
    let line: Int
    /// The whole tag in the template's text, braces included.
    let range: Range<String.Index>
    /// The names of the sections (plain or inverted) the tag is inside, outermost first.
    let enclosingSections: [String]
}
