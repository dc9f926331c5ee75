import LoaCore

/// A spreadsheet exported as CSV: UTF-8 with or without a byte-order mark, fields separated by
/// commas or semicolons (whichever the header line uses; Excel in a Vietnamese locale writes
/// semicolons), quoted the RFC 4180 way (`"…"`, `""` for a quote, line breaks allowed inside),
/// lines ended by LF or CRLF.
///
/// ```swift
/// let table = try CSVTable(bytes: Array(data))
/// table.header            // ["Họ và tên", "Số điện thoại", …]
/// table.rows[0].fields    // the first data row; .line is its line number in the file
/// ```
public struct CSVTable: Sendable, Equatable {
    /// One data row and the line of the file it starts on (the header is line 1).
    public struct Row: Sendable, Equatable {
        public let line: Int
        public let fields: [String]
    }

    /// Why a file cannot be read as a table.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// The bytes are not UTF-8 (often a file saved as Windows-1258 or UTF-16).
        case notUTF8
        /// No header line.
        case empty
        /// A quoted field opened on this line is never closed.
        case unterminatedQuote(line: Int)

        public var description: String {
            switch self {
            case .notUTF8:
                "the file is not UTF-8 text; save it from the spreadsheet as \"CSV UTF-8\""
            case .empty:
                "the file is empty; it needs a header line naming the columns, then one line per appointment"
            case .unterminatedQuote(let line):
                "line \(line): a quoted field (\") is never closed; close it or remove the quote"
            }
        }
    }

    /// The header's fields, trimmed.
    public let header: [String]
    /// The data rows, blank lines left out.
    public let rows: [Row]
    /// `,` or `;`.
    public let separator: Character

    /// Reads a whole file.
    public init(bytes: [UInt8]) throws(Failure) {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard let text = String(validating: body, as: UTF8.self) else { throw .notUTF8 }
        let separator = CSVTable.separator(of: text)
        let records = try CSVTable.records(text, separator: separator)
        guard let first = records.first(where: { !$0.isBlank }) else { throw .empty }
        self.separator = separator
        header = first.fields.map { $0.trimmingWhitespace() }
        rows = records.drop(while: { $0.line <= first.line }).filter { !$0.isBlank }.map { Row(line: $0.line, fields: $0.fields) }
    }

    /// `;` when the first line holds more semicolons than commas outside quotes, else `,`.
    static func separator(of text: String) -> Character {
        var commas = 0
        var semicolons = 0
        var quoted = false
        for character in text {
            switch character {
            case "\"": quoted.toggle()
            case "," where !quoted: commas += 1
            case ";" where !quoted: semicolons += 1
            case "\n", "\r\n", "\r": if !quoted { return semicolons > commas ? ";" : "," }
            default: break
            }
        }
        return semicolons > commas ? ";" : ","
    }

    private struct Record {
        let line: Int
        let fields: [String]
        var isBlank: Bool { fields.allSatisfy { $0.trimmingWhitespace().isEmpty } }
    }

    private static func records(_ text: String, separator: Character) throws(Failure) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var line = 1
        var recordLine = 1
        var quoted = false
        var afterQuote = false
        var iterator = text.makeIterator()
        var pending: Character? = nil
        func next() -> Character? {
            if let character = pending {
                pending = nil
                return character
            }
            return iterator.next()
        }
        while let character = next() {
            if quoted {
                if character == "\"" {
                    if let following = next() {
                        if following == "\"" {
                            field.append("\"")
                        } else {
                            quoted = false
                            afterQuote = true
                            pending = following
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    if character.isNewline { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"" where field.trimmingWhitespace().isEmpty && !afterQuote:
                field = ""
                quoted = true
            case separator:
                fields.append(field)
                field = ""
                afterQuote = false
            case "\n", "\r\n", "\r":
                fields.append(field)
                records.append(Record(line: recordLine, fields: fields))
                fields = []
                field = ""
                afterQuote = false
                line += 1
                recordLine = line
            default:
                field.append(character)
            }
        }
        if quoted { throw .unterminatedQuote(line: recordLine) }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            records.append(Record(line: recordLine, fields: fields))
        }
        return records
    }
}
