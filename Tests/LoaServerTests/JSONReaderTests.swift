import Foundation
@testable import LoaServer
import LoaTestSupport
import Testing

@Suite("JSON reader")
struct JSONReaderTests {
    static func read(_ text: String) throws -> JSONValue {
        try JSONReader.parse(Data(text.utf8))
    }

    @Test("values of every type, nested, with whitespace")
    func values() throws {
        let document = try Self.read(#" { "a" : [ 1 , -2.5e2 , 0 , true , false , null ] , "b" : { } , "c" : [ ] , "d" : "x" } "#)
        #expect(document == .object([
            "a": .array([.number(1), .number(-250), .number(0), .bool(true), .bool(false), .null]),
            "b": .object([:]), "c": .array([]), "d": .string("x"),
        ]))
    }

    @Test("escapes, surrogate pairs and raw UTF-8 decode to the same text")
    func strings() throws {
        #expect(try Self.read(#""Gi\u00e0ng A V\u1ea3ng \ud83d\ude00 \" \\ \/ \b\f\n\r\t""#)
            == .string("Giàng A Vảng 😀 \" \\ / \u{8}\u{C}\n\r\t"))
        #expect(try Self.read("\"Giàng A Vảng 😀\"") == .string("Giàng A Vảng 😀"))
    }

    @Test("strings and numbers JSONEncoder writes read back unchanged", arguments: 0..<20)
    func roundTrip(seed: Int) throws {
        var generator = SeededGenerator(seed: UInt64(seed))
        let pool: [Character] = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u{1}", "ầ", "ạ", "Đ", "ơ", "€", "😀", "\u{2028}", "\u{7F}"]
        let texts = (0..<50).map { _ in String((0..<Int.random(in: 0...30, using: &generator)).map { _ in pool.randomElement(using: &generator)! }) }
        let numbers = (0..<50).map { _ in Double.random(in: -1e12...1e12, using: &generator).rounded() / 1000 }
        let data = try JSONEncoder().encode(["texts": texts.map(AnyEncodable.text), "numbers": numbers.map(AnyEncodable.number)])
        let expected = JSONValue.object(["texts": .array(texts.map(JSONValue.string)), "numbers": .array(numbers.map(JSONValue.number))])
        #expect(try JSONReader.parse(data) == expected)
    }

    @Test("malformed input is refused with the byte offset", arguments: [
        "", " ", "{", "[1,]", "{\"a\":}", "{\"a\" 1}", "{a:1}", "[1 2]", "01", "1.", ".5", "+1", "1e", "-", "tru", "nul",
        "\"abc", "\"\\x\"", "\"\\u12\"", "\"\\ud800\"", "\"\\udc00\"", "\"a\u{1}b\"", "NaN", "1e999", "{} {}", "[1]]",
    ])
    func malformed(text: String) {
        #expect(throws: JSONReader.SyntaxError.self) { try Self.read(text) }
    }

    @Test("invalid UTF-8 and nesting beyond the limit are refused")
    func limits() {
        #expect(throws: JSONReader.SyntaxError.self) { try JSONReader.parse(Data([0x22, 0xC3, 0x28, 0x22])) }
        let deep = String(repeating: "[", count: JSONReader.maxDepth + 1) + String(repeating: "]", count: JSONReader.maxDepth + 1)
        #expect(throws: JSONReader.SyntaxError.self) { try Self.read(deep) }
        let allowed = String(repeating: "[", count: JSONReader.maxDepth) + String(repeating: "]", count: JSONReader.maxDepth)
        #expect((try? Self.read(allowed)) != nil)
    }

    @Test("the error names what is wrong and where")
    func errorText() {
        do {
            _ = try Self.read("{\"eventId\": ")
            Issue.record("an unfinished object was accepted")
        } catch {
            #expect("\(error)" == "unexpected end of input at byte 12")
        }
    }
}

/// A JSON array element of either kind, for the round trip.
private enum AnyEncodable: Encodable {
    case text(String)
    case number(Double)

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .number(let number): try container.encode(number)
        }
    }
}
