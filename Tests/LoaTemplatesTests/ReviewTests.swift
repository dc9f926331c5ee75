import Foundation
import LoaCore
import LoaTemplates
import Testing

@Suite("Reviews bound to the text")
struct ReviewTests {
    static let reviewedAt = Date(timeIntervalSince1970: 1_796_000_000)

    /// A small catalog with `policy` for hmn, and a ledger holding a review of the Mông text as it is.
    static func reviewedCatalog(policy: String = "warn") throws -> URL {
        let catalog = SmallCatalog.catalog.replacingOccurrences(
            of: "requiresReview: true}", with: "requiresReview: true, unreviewed: \(policy)}")
        let directory = try TemplateDirectories.temporary(SmallCatalog.files(["catalog.yaml": catalog]))
        let loaded = try TemplateCatalog.load(from: directory)
        let review = try #require(loaded.newReview(of: .resultReady, in: .hmong, by: "Vàng A Dế", notes: "nqa \"bring\" ok", at: reviewedAt))
        try TemplateReviewLedger.append(review, to: directory)
        return directory
    }

    @Test("a recorded review makes the text reviewed, and reads back as written")
    func recorded() throws {
        let loaded = try TemplateCatalog.load(from: Self.reviewedCatalog())
        #expect(loaded.check().isEmpty)
        #expect(loaded.isReviewed(.resultReady, in: .hmong))
        #expect(loaded.unreviewed().isEmpty)
        let review = try #require(loaded.reviews(of: .resultReady, in: .hmong).first)
        #expect(review.reviewedBy == "Vàng A Dế")
        #expect(review.notes == "nqa \"bring\" ok")
        #expect(review.reviewedAt == Self.reviewedAt)
        #expect(review.text == SmallCatalog.hmong)
        #expect(review.sha256.count == 64)
        #expect(loaded.localeChoice(for: .resultReady, requested: .hmong) == LocaleChoice(locale: .hmong, unreviewedLocale: nil))
    }

    @Test("a review whose text changed is reported unreviewed, with what changed")
    func changedText() throws {
        let directory = try Self.reviewedCatalog()
        let edited = SmallCatalog.hmong.replacingOccurrences(of: "Thov tuaj txais", with: "Thov tuaj txais koj cov ntaub ntawv")
        try edited.write(to: directory.appendingPathComponent("hmn/result_ready.mustache"), atomically: true, encoding: .utf8)
        let loaded = try TemplateCatalog.load(from: directory)
        #expect(!loaded.isReviewed(.resultReady, in: .hmong))
        let unreviewed = try #require(loaded.unreviewed().first)
        #expect(unreviewed.kind == .resultReady && unreviewed.locale == .hmong && unreviewed.file == "hmn/result_ready.mustache")
        #expect(unreviewed.changedSinceReview)
        #expect(unreviewed.lastReview?.reviewedBy == "Vàng A Dế")
        let diff = TextDiff(from: try #require(unreviewed.lastReview).text, to: edited)
        #expect(diff.marked == "Nyob zoo {{name}}. Thov tuaj txais {+koj cov ntaub ntawv+} nyob {{office}}.{{#bring}} Thov nqa {{bring}} tuaj.{{/bring}}")
        // A whitespace change is a change too: the review approved bytes.
        try (SmallCatalog.hmong + " ").write(to: directory.appendingPathComponent("hmn/result_ready.mustache"), atomically: true, encoding: .utf8)
        #expect(!(try TemplateCatalog.load(from: directory)).isReviewed(.resultReady, in: .hmong))
        // Back to the reviewed text, reviewed again.
        try SmallCatalog.hmong.write(to: directory.appendingPathComponent("hmn/result_ready.mustache"), atomically: true, encoding: .utf8)
        #expect(try TemplateCatalog.load(from: directory).isReviewed(.resultReady, in: .hmong))
    }

    @Test("the policy decides which text an unreviewed message carries")
    func policies() throws {
        for (policy, expected) in [
            ("send", LocaleChoice(locale: .hmong, unreviewedLocale: nil)),
            ("warn", LocaleChoice(locale: .hmong, unreviewedLocale: .hmong)),
            ("hold", LocaleChoice(locale: .vietnamese, unreviewedLocale: .hmong)),
        ] {
            let catalog = SmallCatalog.catalog.replacingOccurrences(
                of: "requiresReview: true}", with: "requiresReview: true, unreviewed: \(policy)}")
            let loaded = try TemplateCatalog.load(from: TemplateDirectories.temporary(SmallCatalog.files(["catalog.yaml": catalog])))
            #expect(loaded.localeChoice(for: .resultReady, requested: .hmong) == expected, "policy \(policy)")
            #expect(loaded.localeChoice(for: .resultReady, requested: .vietnamese) == LocaleChoice(locale: .vietnamese, unreviewedLocale: nil))
        }
        // The default is warn.
        let loaded = try TemplateCatalog.load(from: TemplateDirectories.temporary(SmallCatalog.files()))
        #expect(loaded.unreviewedPolicy(for: .hmong) == .warn)
    }

    @Test("holdAs: operator keeps the unreviewed text, waiting for a review of exactly it; holdAs needs hold")
    func holdForOperator() throws {
        let catalog = SmallCatalog.catalog.replacingOccurrences(
            of: "requiresReview: true}", with: "requiresReview: true, unreviewed: hold, holdAs: operator}")
        let directory = try TemplateDirectories.temporary(SmallCatalog.files(["catalog.yaml": catalog]))
        let loaded = try TemplateCatalog.load(from: directory)
        #expect(loaded.unreviewedHold(for: .hmong) == .forOperator)
        let sha256 = TemplateReview(
            kind: .resultReady, locale: .hmong, reviewedBy: "-", reviewedAt: Self.reviewedAt, notes: nil, text: SmallCatalog.hmong).sha256
        #expect(loaded.localeChoice(for: .resultReady, requested: .hmong)
            == LocaleChoice(locale: .hmong, unreviewedLocale: .hmong, heldForReviewOf: sha256))
        #expect(loaded.localeChoice(for: .resultReady, requested: .vietnamese) == LocaleChoice(locale: .vietnamese, unreviewedLocale: nil))

        // What releases held messages: the ledger as it is now, read afresh.
        #expect(try TemplateCatalog.approvedTexts(in: directory).isEmpty)
        let review = try #require(loaded.newReview(of: .resultReady, in: .hmong, by: "Vàng A Dế", notes: nil, at: Self.reviewedAt))
        try TemplateReviewLedger.append(review, to: directory)
        #expect(try TemplateCatalog.approvedTexts(in: directory) == [ApprovedText(kind: .resultReady, locale: .hmong, sha256: sha256)])
        #expect(try TemplateCatalog.load(from: directory).localeChoice(for: .resultReady, requested: .hmong)
            == LocaleChoice(locale: .hmong, unreviewedLocale: nil))

        // holdAs: vietnamese is the plain hold, and the default.
        let vietnamese = SmallCatalog.catalog.replacingOccurrences(
            of: "requiresReview: true}", with: "requiresReview: true, unreviewed: hold, holdAs: vietnamese}")
        let plain = try TemplateCatalog.load(from: TemplateDirectories.temporary(SmallCatalog.files(["catalog.yaml": vietnamese])))
        #expect(plain.localeChoice(for: .resultReady, requested: .hmong) == LocaleChoice(locale: .vietnamese, unreviewedLocale: .hmong))

        for (settings, fix) in [
            ("unreviewed: warn, holdAs: operator", "holdAs applies only with unreviewed: hold"),
            ("holdAs: operator", "holdAs applies only with unreviewed: hold"),
            ("unreviewed: hold, holdAs: operators", "did you mean 'operator'?"),
        ] {
            let broken = SmallCatalog.catalog.replacingOccurrences(of: "requiresReview: true}", with: "requiresReview: true, \(settings)}")
            let folder = try TemplateDirectories.temporary(SmallCatalog.files(["catalog.yaml": broken]))
            do {
                _ = try TemplateCatalog.load(from: folder)
                Issue.record("\(settings) was accepted")
            } catch {
                #expect("\(error)".contains("locales.hmn.holdAs") && "\(error)".contains(fix), "\(settings): \(error)")
            }
        }
    }

    @Test("a ledger entry edited by hand is a problem")
    func tamperedLedger() throws {
        let directory = try Self.reviewedCatalog()
        let ledger = directory.appendingPathComponent(TemplateReviewLedger.file)
        let text = try String(contentsOf: ledger, encoding: .utf8)
        try text.replacingOccurrences(of: "Thov tuaj txais", with: "Thov tuaj").write(to: ledger, atomically: true, encoding: .utf8)
        let loaded = try TemplateCatalog.load(from: directory)
        #expect(loaded.check().contains { $0.file == "reviews.yaml" && $0.message.contains("does not match its sha256") })
    }

    @Test("word diff marks removals and additions")
    func wordDiff() {
        #expect(TextDiff(from: "tsis txais koj", to: "tsis lees txais koj").marked == "tsis {+lees+} txais koj")
        #expect(TextDiff(from: "a b c", to: "a x c").marked == "a [-b-] {+x+} c")
        #expect(TextDiff(from: "a b", to: "a b").isEmpty)
    }
}
