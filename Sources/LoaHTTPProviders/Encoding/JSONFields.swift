import Foundation

/// A provider's JSON, read by dotted path (`sid`, `data.tranId`, `messages.0.id`): numbers and
/// booleans as their text, so result codes compare as written in configuration (`"100"`,
/// `"00"`, `0`).
enum JSONFields: Decodable {
    case text(String)
    case object([String: JSONFields])
    case array([JSONFields])
    case null

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let text = try? container.decode(String.self) {
            self = .text(text)
        } else if let flag = try? container.decode(Bool.self) {
            self = .text(flag ? "true" : "false")
        } else if let whole = try? container.decode(Int64.self) {
            self = .text(String(whole))
        } else if let number = try? container.decode(Double.self) {
            self = .text(String(number))
        } else if let object = try? container.decode([String: JSONFields].self) {
            self = .object(object)
        } else {
            self = .array(try container.decode([JSONFields].self))
        }
    }

    /// The parsed document, or nil when `bytes` is not JSON.
    static func parse(_ bytes: [UInt8]) -> JSONFields? {
        guard !bytes.isEmpty else { return nil }
        return try? JSONDecoder().decode(JSONFields.self, from: Data(bytes))
    }

    /// The scalar at `path`, as text; nil when absent, null, or not a scalar.
    func value(at path: String) -> String? {
        var node = self
        for component in path.split(separator: ".") {
            switch node {
            case .object(let members):
                guard let member = members[String(component)] else { return nil }
                node = member
            case .array(let elements):
                guard let index = Int(component), elements.indices.contains(index) else { return nil }
                node = elements[index]
            case .text, .null:
                return nil
            }
        }
        if case .text(let text) = node { return text }
        return nil
    }

    /// Every scalar by its dotted path (objects and arrays flattened), for callbacks whose
    /// fields are named in configuration.
    var flattened: [String: String] {
        var fields: [String: String] = [:]
        flatten(prefix: "", into: &fields)
        return fields
    }

    private func flatten(prefix: String, into fields: inout [String: String]) {
        let join = { (name: String) in prefix.isEmpty ? name : "\(prefix).\(name)" }
        switch self {
        case .object(let members):
            for (name, member) in members { member.flatten(prefix: join(name), into: &fields) }
        case .array(let elements):
            for (index, element) in elements.enumerated() { element.flatten(prefix: join(String(index)), into: &fields) }
        case .text(let text):
            if !prefix.isEmpty { fields[prefix] = text }
        case .null:
            break
        }
    }
}
