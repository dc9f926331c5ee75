import LoaCore
import Testing

@Suite("Segment budgets: which budget a render keeps, what to try next, how much to keep")
struct SegmentBudgetTests {
    let vietnamese = SegmentBudget(limits: [.unicode: 3, .fold: 2])

    @Test("a policy keeps its own budget, else the largest its locale declares, else none")
    func limits() {
        #expect(vietnamese.limit(for: .unicode) == 3)
        #expect(vietnamese.limit(for: .fold) == 2)
        #expect(vietnamese.limit(for: .auto) == 3)
        #expect(SegmentBudget(limits: [.fold: 2]).limit(for: .unicode) == 2)
        #expect(SegmentBudget(limits: [:]).limit(for: .unicode) == nil)
    }

    @Test("a render is allowed up to its budget, and always when there is none")
    func allows() {
        let three = SMSText.prepare(String(repeating: "ạ", count: 201), policy: .unicode)
        let four = SMSText.prepare(String(repeating: "ạ", count: 202), policy: .unicode)
        #expect(three.segments == 3 && four.segments == 4)
        #expect(vietnamese.allows(three, policy: .unicode))
        #expect(!vietnamese.allows(four, policy: .unicode))
        #expect(!vietnamese.allows(three, policy: .fold))
        #expect(SegmentBudget(limits: [:]).allows(four, policy: .unicode))
    }

    @Test("folding is the one fallback")
    func policies() {
        #expect(vietnamese.policies(startingWith: .unicode) == [.unicode, .fold])
        #expect(vietnamese.policies(startingWith: .auto) == [.auto, .fold])
        #expect(vietnamese.policies(startingWith: .fold) == [.fold])
    }

    @Test("the longest fitting length is found for every threshold, in few tries", arguments: [0, 1, 19, 20, 21, 250, 498, 499, 500])
    func longestFitting(threshold: Int) {
        var tries = 0
        let found = SegmentBudget.longestFitting(upTo: 500, atLeast: 20) { length in
            tries += 1
            #expect((20..<500).contains(length))
            return length <= threshold
        }
        #expect(found == (threshold < 20 ? nil : min(threshold, 499)))
        #expect(tries <= 11)
    }

    @Test("nothing to search when the text is no longer than the minimum")
    func shortTexts() {
        var called = false
        #expect(SegmentBudget.longestFitting(upTo: 20, atLeast: 20) { _ in called = true; return true } == nil)
        #expect(SegmentBudget.longestFitting(upTo: 0, atLeast: 20) { _ in called = true; return true } == nil)
        #expect(!called)
        #expect(SegmentBudget.longestFitting(upTo: 21, atLeast: 20) { _ in true } == 20)
    }
}
