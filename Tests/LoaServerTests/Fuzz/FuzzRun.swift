import Foundation
import LoaTestSupport

/// The seed and length of one fuzz run. The default seed is fixed, so CI draws the same inputs
/// every time and never fails for a reason the change under test did not bring;
/// `LOA_FUZZ_SEED` (a number, or `random` for a fresh one) and `LOA_FUZZ_ITERATIONS` replay a
/// failure or search further:
///
/// ```sh
/// LOA_FUZZ_SEED=random LOA_FUZZ_ITERATIONS=200000 swift test --filter Fuzz
/// ```
///
/// Every run prints its seed; an input that breaks a property is printed escaped, ready to be
/// added to `Corpus/`.
struct FuzzRun {
    let name: String
    let seed: UInt64
    let iterations: Int

    init(_ name: String, defaultSeed: UInt64, defaultIterations: Int,
         environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.name = name
        switch environment["LOA_FUZZ_SEED"] {
        case "random"?: seed = UInt64.random(in: 0...UInt64.max)
        case let text?: seed = UInt64(text) ?? defaultSeed
        case nil: seed = defaultSeed
        }
        iterations = environment["LOA_FUZZ_ITERATIONS"].flatMap { Int($0) }.map { max(1, $0) } ?? defaultIterations
        print("fuzz \(name): seed \(seed), \(iterations) iterations (replay: LOA_FUZZ_SEED=\(seed) LOA_FUZZ_ITERATIONS=\(iterations))")
    }

    /// A generator drawing this run's inputs.
    func generator() -> SeededGenerator {
        SeededGenerator(seed: seed)
    }

    /// `bytes` as a Swift string literal's contents: printable ASCII as is, the rest escaped.
    static func escaped(_ bytes: [UInt8]) -> String {
        bytes.map { byte in
            switch byte {
            case UInt8(ascii: "\\"): "\\\\"
            case UInt8(ascii: "\""): "\\\""
            case 0x20..<0x7F: String(UnicodeScalar(byte))
            default: "\\x" + String(byte, radix: 16, uppercase: false).leftPadded(to: 2)
            }
        }.joined()
    }

    /// `text` with every scalar outside printable ASCII written `\u{…}`.
    static func escaped(_ text: String) -> String {
        text.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F ? String($0) : "\\u{\(String($0.value, radix: 16))}" }.joined()
    }

    /// The folder of inputs that once found a bug, replayed on every run.
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
