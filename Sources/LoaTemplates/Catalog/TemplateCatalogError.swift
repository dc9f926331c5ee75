/// Why a template catalog could not be loaded. Paths are relative to the templates directory;
/// each description names the file, the line and key where known, and the fix.
public enum TemplateCatalogError: Error, Equatable, CustomStringConvertible {
    /// A file could not be read (for example `catalog.yaml` is missing).
    case unreadable(file: String, reason: String)
    /// The catalog is not valid YAML.
    case malformedYAML(file: String, line: Int?, problem: String)
    /// A key the catalog needs is absent.
    case missingKey(file: String, line: Int?, key: String, fix: String)
    /// A key's value cannot be used.
    case invalidValue(file: String, line: Int?, key: String, found: String, fix: String)
    /// A template is not valid Mustache.
    case templateSyntax(file: String, line: Int, column: Int, problem: String)

    /// The error as one line: where, what, and how to fix it.
    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            "\(file): cannot read the file (\(reason)); check the templates directory path"
        case .malformedYAML(let file, let line, let problem):
            "\(Self.location(file, line)): not valid YAML: \(problem)"
        case .missingKey(let file, let line, let key, let fix):
            "\(Self.location(file, line)): \(key) is missing; \(fix)"
        case .invalidValue(let file, let line, let key, let found, let fix):
            "\(Self.location(file, line)): \(key): '\(found)' is not valid; \(fix)"
        case .templateSyntax(let file, let line, let column, let problem):
            "\(file):\(line):\(column): not valid Mustache: \(problem); check that every {{#section}} has its {{/section}} and every tag is closed with }}"
        }
    }

    private static func location(_ file: String, _ line: Int?) -> String {
        line.map { "\(file):\($0)" } ?? file
    }
}
