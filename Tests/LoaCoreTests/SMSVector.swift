import Testing
@testable import LoaCore

/// One analysis test vector: a text and what `SMSText.analyse` must make of it.
struct SMSVector: Sendable, CustomTestStringConvertible {
    let name: String
    let text: String
    let encoding: SMSEncoding
    /// The units (septets or UTF-16 code units) of each expected part.
    let partUnits: [Int]
    /// The exact expected parts, where the case is about where the cut falls.
    let parts: [String]?

    init(_ name: String, _ text: String, _ encoding: SMSEncoding, _ partUnits: [Int], parts: [String]? = nil) {
        self.name = name
        self.text = text
        self.encoding = encoding
        self.partUnits = partUnits
        self.parts = parts
    }

    var testDescription: String { name }
}
