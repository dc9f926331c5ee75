import Foundation

/// SplitMix64: a small seeded generator, so a run draws the same values every time and a
/// failure can be replayed from the seed it prints.
///
/// ```swift
/// var generator = SeededGenerator(seed: 42)
/// let length = Int.random(in: 0..<480, using: &generator)
/// ```
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose draws are fixed by `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The seed a test should use: `LOA_TEST_SEED` from the environment when set (to replay a
    /// failure), else `fallback`.
    public static func seed(default fallback: UInt64) -> UInt64 {
        ProcessInfo.processInfo.environment["LOA_TEST_SEED"].flatMap { UInt64($0) } ?? fallback
    }
}
