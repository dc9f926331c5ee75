import LoaStore

/// A SQLite value written as one field of PostgreSQL's `COPY … FROM STDIN (FORMAT text)`, for
/// the type of the column it goes to.
///
/// SQLite stores by value, PostgreSQL by column: an integer goes to `bigint` or `integer` as it
/// is, to `boolean` as `t`/`f` (SQLite keeps booleans as 1/0), to `double precision` as a number;
/// a blob to `bytea` as hex; NULL is `\N`. Text escapes backslash, tab, newline and carriage
/// return, which would otherwise end the field or the row.
///
/// ```swift
/// try CopyText.field(.integer(1), type: "boolean")      // "t"
/// try CopyText.field(.blob([0xCA, 0xFE]), type: "bytea") // "\\\\xcafe" (the text \\xcafe)
/// try CopyText.field(.text("a\tb"), type: "text")       // "a\\tb"
/// ```
enum CopyText {
    /// A value the target column's type cannot take; says which storage class, never the value.
    struct Unconvertible: Error, Equatable {
        let storage: String
        let type: String
    }

    /// The field for `value` in a column of PostgreSQL type `type` (`information_schema` `data_type`).
    static func field(_ value: StoredValue, type: String) throws(Unconvertible) -> String {
        switch (value, type) {
        case (.null, _):
            return "\\N"
        case (.integer(let integer), "bigint"), (.integer(let integer), "integer"), (.integer(let integer), "smallint"):
            return String(integer)
        case (.real(let real), "bigint"), (.real(let real), "integer"), (.real(let real), "smallint"):
            guard let integer = Int64(exactly: real) else { throw Unconvertible(storage: "real", type: type) }
            return String(integer)
        case (.text(let text), "bigint"), (.text(let text), "integer"), (.text(let text), "smallint"):
            guard Int64(text) != nil else { throw Unconvertible(storage: "text", type: type) }
            return text
        case (.integer(let integer), "boolean"):
            return integer == 0 ? "f" : "t"
        case (.integer(let integer), "double precision"), (.integer(let integer), "real"), (.integer(let integer), "numeric"):
            return String(integer)
        case (.real(let real), "double precision"), (.real(let real), "real"), (.real(let real), "numeric"):
            return real.isNaN ? "NaN" : real.isInfinite ? (real < 0 ? "-Infinity" : "Infinity") : String(real)
        case (.blob(let bytes), "bytea"):
            return hex(bytes)
        case (.text(let text), "bytea"):
            return hex(Array(text.utf8))
        case (.text(let text), _):
            return escaped(text)
        case (.integer(let integer), "text"):
            return String(integer)
        case (.real(let real), "text"):
            return String(real)
        case (.integer, _):
            throw Unconvertible(storage: "integer", type: type)
        case (.real, _):
            throw Unconvertible(storage: "real", type: type)
        case (.blob, _):
            throw Unconvertible(storage: "blob", type: type)
        }
    }

    /// bytea's hex form, `\x…`, with its backslash escaped for COPY.
    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = Array("\\\\x".utf8)
        text.reserveCapacity(text.count + bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Text with COPY's special characters escaped.
    private static func escaped(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case "\t": escaped += "\\t"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
