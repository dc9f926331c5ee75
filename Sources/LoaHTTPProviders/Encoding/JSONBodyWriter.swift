/// Writes a JSON body from rendered fields: dotted paths become nested objects, in the order
/// the fields come; strings are escaped as RFC 8259 requires.
enum JSONBodyWriter {
    /// A rendered field could not be written as its type asks (a number that is not one).
    struct InvalidField: Error {
        var path: String
    }

    private indirect enum Node {
        case value(String, JSONFieldType)
        case object([(String, Node)])
    }

    /// The JSON text of `fields` (path, rendered text, type).
    static func write(_ fields: [(path: [String], text: String, type: JSONFieldType)]) throws(InvalidField) -> String {
        var root: [(String, Node)] = []
        for field in fields {
            if field.type == .number, Double(field.text) == nil || field.text.contains(where: { !"0123456789.-+eE".contains($0) }) {
                throw InvalidField(path: field.path.joined(separator: "."))
            }
            insert(field.text, type: field.type, at: field.path[...], into: &root)
        }
        var text = ""
        write(.object(root), to: &text)
        return text
    }

    private static func insert(_ text: String, type: JSONFieldType, at path: ArraySlice<String>, into object: inout [(String, Node)]) {
        guard let name = path.first else { return }
        let index = object.firstIndex { $0.0 == name }
        if path.count == 1 {
            if let index { object[index].1 = .value(text, type) } else { object.append((name, .value(text, type))) }
            return
        }
        var children: [(String, Node)] = []
        if let index, case .object(let existing) = object[index].1 { children = existing }
        insert(text, type: type, at: path.dropFirst(), into: &children)
        if let index { object[index].1 = .object(children) } else { object.append((name, .object(children))) }
    }

    private static func write(_ node: Node, to text: inout String) {
        switch node {
        case .value(let value, .string): writeString(value, to: &text)
        case .value(let value, .number): text += value
        case .value(let value, .list):
            text += "["
            writeString(value, to: &text)
            text += "]"
        case .object(let members):
            text += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { text += "," }
                writeString(member.0, to: &text)
                text += ":"
                write(member.1, to: &text)
            }
            text += "}"
        }
    }

    private static func writeString(_ value: String, to text: inout String) {
        text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}
