public import LoaCore

/// One thing `loa templates check` reports: a file (relative to the templates directory), the
/// line when known, the kind and locale concerned, and a message that says what to fix.
public struct TemplateProblem: Sendable, Equatable, CustomStringConvertible {
    /// The file to fix, relative to the templates directory (`catalog.yaml`, `hmn/refused.mustache`).
    public let file: String
    /// The line in ``file``, when known.
    public let line: Int?
    /// The kind concerned, if any.
    public let kind: NotificationKind?
    /// The locale concerned, if any.
    public let locale: MessageLocale?
    /// What is wrong and how to fix it.
    public let message: String

    /// Creates a problem.
    public init(file: String, line: Int? = nil, kind: NotificationKind? = nil, locale: MessageLocale? = nil, message: String) {
        self.file = file
        self.line = line
        self.kind = kind
        self.locale = locale
        self.message = message
    }

    /// One line: `file:line: message`.
    public var description: String {
        "\(file)\(line.map { ":\($0)" } ?? ""): \(message)"
    }
}
