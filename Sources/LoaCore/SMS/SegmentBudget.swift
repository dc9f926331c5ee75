/// The most SMS parts one kind of message may cost in one locale, per encoding policy (the
/// catalog's `maxSegments`), and what to try, in order, when a real render is over it: the text
/// as the route wants it; then folded (Vietnamese without marks, read by every phone and cheaper
/// than no message); then folded with the free text cut short; else the event is refused.
///
/// A pure decision: the caller renders, this says which budget a render keeps, which policy to
/// render with next, and how many characters of free text to keep.
///
/// ```swift
/// let budget = SegmentBudget(limits: [.unicode: 3, .fold: 2])
/// budget.limit(for: .unicode)                     // 3
/// budget.policies(startingWith: .unicode)         // [.unicode, .fold]
/// SegmentBudget.longestFitting(upTo: 500, atLeast: 20) { render(note.prefix($0)).segments <= 2 }
/// ```
public struct SegmentBudget: Sendable, Equatable {
    /// The fewest characters of free text worth sending: below this a cut note says nothing.
    public static let minimumKeptCharacters = 20

    /// Encoding policy → most parts.
    public let limits: [EncodingPolicy: Int]

    /// A budget of `limits` (policy → most parts).
    public init(limits: [EncodingPolicy: Int]) {
        self.limits = limits
    }

    /// The most parts a render with `policy` may cost: its own budget, else the largest the
    /// locale declares (`auto` usually has none of its own); nil when the locale declares none.
    public func limit(for policy: EncodingPolicy) -> Int? {
        limits[policy] ?? limits.values.max()
    }

    /// Whether `analysis`, rendered with `policy`, keeps the budget.
    public func allows(_ analysis: SMSAnalysis, policy: EncodingPolicy) -> Bool {
        guard let limit = limit(for: policy) else { return true }
        return analysis.segments <= limit
    }

    /// The policies to render with, in order, until one keeps the budget: `policy`, then
    /// `fold` when `policy` is not already folding.
    public func policies(startingWith policy: EncodingPolicy) -> [EncodingPolicy] {
        policy == .fold ? [.fold] : [policy, .fold]
    }

    /// The largest length from `minimum` to `length - 1` for which `fits` holds, or nil when
    /// none does. `fits` must not hold for a length when it fails for a shorter one (parts
    /// never fall as text grows), so a binary search finds it with about log2(length) renders.
    public static func longestFitting(upTo length: Int, atLeast minimum: Int, fits: (Int) -> Bool) -> Int? {
        var low = max(0, minimum), high = length - 1
        guard low <= high, fits(low) else { return nil }
        while low < high {
            let middle = low + (high - low + 1) / 2
            if fits(middle) { low = middle } else { high = middle - 1 }
        }
        return low
    }
}
