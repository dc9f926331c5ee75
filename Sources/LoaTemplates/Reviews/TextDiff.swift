/// What changed between two versions of a text, word by word (a template is usually one line,
/// so a line diff would only say "everything").
///
/// ```swift
/// TextDiff(from: "tsis txais koj", to: "tsis lees txais koj").marked   // "tsis {+lees+} txais koj"
/// ```
public struct TextDiff: Sendable, Equatable {
    /// A run of words kept, removed or added.
    public enum Part: Sendable, Equatable {
        case kept(String)
        case removed(String)
        case added(String)
    }

    /// The runs, in text order; removed before added where both replace the same place.
    public let parts: [Part]

    /// The difference between `old` and `new`, by words (whitespace separates them).
    public init(from old: String, to new: String) {
        let before = old.split(whereSeparator: \.isWhitespace).map(String.init)
        let after = new.split(whereSeparator: \.isWhitespace).map(String.init)
        // Longest common subsequence table, from the ends.
        var common = [[Int]](repeating: [Int](repeating: 0, count: after.count + 1), count: before.count + 1)
        for i in stride(from: before.count - 1, through: 0, by: -1) {
            for j in stride(from: after.count - 1, through: 0, by: -1) {
                common[i][j] = before[i] == after[j] ? common[i + 1][j + 1] + 1 : max(common[i + 1][j], common[i][j + 1])
            }
        }
        var parts: [Part] = []
        func add(_ part: Part) {
            switch (parts.last, part) {
            case (.kept(let a)?, .kept(let b)): parts[parts.count - 1] = .kept(a + " " + b)
            case (.removed(let a)?, .removed(let b)): parts[parts.count - 1] = .removed(a + " " + b)
            case (.added(let a)?, .added(let b)): parts[parts.count - 1] = .added(a + " " + b)
            default: parts.append(part)
            }
        }
        var i = 0
        var j = 0
        while i < before.count || j < after.count {
            if i < before.count, j < after.count, before[i] == after[j] {
                add(.kept(before[i])); i += 1; j += 1
            } else if j == after.count || (i < before.count && common[i + 1][j] >= common[i][j + 1]) {
                add(.removed(before[i])); i += 1
            } else {
                add(.added(after[j])); j += 1
            }
        }
        self.parts = parts
    }

    /// True when the words are the same (whitespace may still differ).
    public var isEmpty: Bool { parts.allSatisfy { if case .kept = $0 { true } else { false } } }

    /// The new text with `[-removed-]` and `{+added+}` marks, as `git diff --word-diff` writes them.
    public var marked: String {
        parts.map { part in
            switch part {
            case .kept(let words): words
            case .removed(let words): "[-\(words)-]"
            case .added(let words): "{+\(words)+}"
            }
        }.joined(separator: " ")
    }
}
