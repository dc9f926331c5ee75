public import Foundation

extension TemplateCatalog {
    /// Reads template variables from a flat JSON object, typed by the catalog's declarations:
    /// strings for text, `"yyyy-MM-dd"` for dates, RFC 3339 strings for date-times and integers
    /// for amounts.
    ///
    /// ```swift
    /// let variables = try catalog.variables(fromJSON: Data(#"{"name": "Giàng A Vảng", "dueDate": "2026-12-05"}"#.utf8))
    /// ```
    public func variables(fromJSON data: Data) throws(TemplateVariablesError) -> [String: TemplateValue] {
        let object: [String: JSONScalar]
        do {
            object = try JSONDecoder().decode([String: JSONScalar].self, from: data)
        } catch let DecodingError.dataCorrupted(context) {
            throw .malformed(context.underlyingError.map { "\($0)" } ?? context.debugDescription)
        } catch {
            throw .malformed("\(error)")
        }
        var variables: [String: TemplateValue] = [:]
        for (name, scalar) in object {
            guard let type = variableTypes[name] else { throw .unknownVariable(name) }
            let value: TemplateValue? = switch (scalar, type) {
            case (.integer(let amount), .amount): .amount(amount)
            case (.string(let text), .text), (.string(let text), .date), (.string(let text), .dateTime):
                TemplateValue(parsing: text, as: type)
            default: nil
            }
            guard let value else { throw .invalidValue(name, expected: type) }
            variables[name] = value
        }
        return variables
    }
}
