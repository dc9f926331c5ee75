import Foundation
public import LoaSettings

/// A configured value with `{{name}}` placeholders, parsed once at start-up:
/// `"Bearer {{apiKey}}"`, `"{{to}}"`, `"2"`.
public struct FieldTemplate: Sendable, Equatable {
    /// A piece of the template.
    public enum Part: Sendable, Equatable {
        case literal(String)
        case placeholder(String)
    }

    /// The pieces in order.
    public let parts: [Part]

    /// The placeholder names the template uses.
    public var names: [String] {
        parts.compactMap { if case .placeholder(let name) = $0 { name } else { nil } }
    }

    /// Parses `text`; `key` names the setting in errors.
    /// - Throws: ``ConfigurationError`` for an unclosed `{{` or an empty or malformed name.
    public init(parsing text: String, key: String) throws(ConfigurationError) {
        var parts: [Part] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            if open.lowerBound > rest.startIndex { parts.append(.literal(String(rest[..<open.lowerBound]))) }
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw ConfigurationError(key: key, message: "'\(text)' opens {{ without closing it; write placeholders as {{name}}")
            }
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }) else {
                throw ConfigurationError(key: key, message: "'{{\(name)}}' is not a placeholder name; use letters, digits and _ (for example {{to}} or {{apiKey}})")
            }
            parts.append(.placeholder(name))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { parts.append(.literal(String(rest))) }
        self.parts = parts
    }

    /// The text with each placeholder replaced by `value(name)` passed through `escape`.
    public func render(_ value: (String) -> String, escape: (String) -> String = { $0 }) -> String {
        var text = ""
        for part in parts {
            switch part {
            case .literal(let literal): text += literal
            case .placeholder(let name): text += escape(value(name))
            }
        }
        return text
    }
}
