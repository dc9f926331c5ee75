/// Why a JSON object of template variables (for example `loa render --vars FILE.json`) could not
/// be read; each description says how to write it.
public enum TemplateVariablesError: Error, Equatable, CustomStringConvertible {
    /// Not JSON, or not a flat object of strings and numbers.
    case malformed(String)
    /// A key that is not a declared variable.
    case unknownVariable(String)
    /// A value that cannot be read as its variable's declared type.
    case invalidValue(String, expected: VariableType)

    /// The error as one line, with an example of the expected form.
    public var description: String {
        switch self {
        case .malformed(let reason):
            "the variables are not a flat JSON object (\(reason)); write e.g. {\"name\": \"Giàng A Vảng\", \"dueDate\": \"2026-12-05\", \"amount\": 150000}"
        case .unknownVariable(let name):
            "unknown variable '\(name)': it is not declared under 'variables' in templates/catalog.yaml; check its spelling"
        case .invalidValue(let name, let expected):
            "variable '\(name)' must be \(expected)"
        }
    }
}
