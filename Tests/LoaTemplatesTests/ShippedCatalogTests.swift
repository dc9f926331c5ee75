import Foundation
import LoaCore
import LoaTemplates
import Testing

@Suite("The shipped templates")
struct ShippedCatalogTests {
    let catalog: TemplateCatalog

    init() throws {
        catalog = try TemplateCatalog.load(from: TemplateDirectories.shipped)
    }

    static let kinds: [NotificationKind] = [
        .dossierReceived, .supplementRequired, .paymentRequired, .refused, .resultReady, .pickupReminder,
        .dossierDelayed, .appointmentConfirmed, .appointmentReminder, .appointmentRescheduled,
        .appointmentCancelled, .returned,
    ] + replyKinds

    /// Replies to residents' SMS: short, so their budgets are tighter.
    static let replyKinds: [NotificationKind] = [
        .residentDossierStatus, .residentDossierNotFound, .residentStopped, .residentResumed, .residentLanguage, .residentHelp,
    ]

    @Test("check() finds no problem")
    func checkIsClean() {
        let problems = catalog.check()
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
    }

    @Test("the catalog defines every kind in Vietnamese and Mông")
    func everyKindAndLocale() {
        #expect(Set(catalog.kinds) == Set(Self.kinds))
        #expect(catalog.locales == [.vietnamese, .hmong])
        #expect(catalog.defaultPolicy(for: .vietnamese) == .unicode)
        #expect(catalog.defaultPolicy(for: .hmong) == .fold)
    }

    /// The budgets the project set, independent of the catalog's own numbers: raising a number in
    /// catalog.yaml does not make a too-long text pass.
    static func budget(_ kind: NotificationKind, _ locale: MessageLocale, _ policy: EncodingPolicy) -> Int? {
        let reply = replyKinds.contains(kind)
        switch (locale, policy) {
        case (.vietnamese, .unicode): return kind == .residentResumed ? 1 : reply ? 2 : 3
        case (.vietnamese, .fold), (.hmong, .fold): return reply ? 1 : 2
        default: return nil
        }
    }

    @Test("the sample renders within budget", arguments: kinds, [MessageLocale.vietnamese, .hmong])
    func sampleWithinBudget(kind: NotificationKind, locale: MessageLocale) throws {
        let variables = catalog.sampleVariables(for: kind, locale: locale)
        for policy in [EncodingPolicy.unicode, .fold] {
            guard let budget = Self.budget(kind, locale, policy) else { continue }
            let message = try catalog.render(kind: kind, locale: locale, variables: variables, policy: policy)
            #expect(message.analysis.segments <= budget, "\(policy): \(message.analysis.text)")
            #expect(try #require(catalog.definition(of: kind)).maxSegments[locale]?[policy] == budget)
        }
    }

    @Test("Mông renders are GSM-7 with their default policy", arguments: kinds)
    func mongIsGSM7(kind: NotificationKind) throws {
        let message = try catalog.render(kind: kind, locale: .hmong, variables: catalog.sampleVariables(for: kind, locale: .hmong))
        #expect(message.policy == .fold)
        #expect(message.analysis.encoding == .gsm7, "\(message.analysis.text)")
    }

    @Test("the samples use a long commune name and a full dossier code")
    func samplesAreRealistic() {
        let samples = catalog.sampleVariables(for: .resultReady, locale: .vietnamese)
        #expect(samples["dossierCode"] == .text("000.00.00.H15-241130-0001"))
        guard case .text(let office)? = samples["office"] else {
            Issue.record("no office sample")
            return
        }
        #expect(office.count >= 20)
    }

    @Test("every Mông text is unreviewed, no Vietnamese text needs review")
    func mongIsUnreviewed() throws {
        let unreviewed = catalog.unreviewed()
        #expect(unreviewed.count == Self.kinds.count)
        #expect(unreviewed.allSatisfy { $0.locale == .hmong && !$0.changedSinceReview })
        for kind in Self.kinds {
            #expect(!catalog.isReviewed(kind, in: .hmong))
            #expect(catalog.isReviewed(kind, in: .vietnamese))
            #expect(catalog.definition(of: kind)?.reviewNotes[.hmong] != nil)
        }
    }

    @Test("priorities and validity")
    func prioritiesAndValidity() throws {
        let resultReady = try #require(catalog.definition(of: .resultReady))
        #expect(resultReady.priority == .normal)
        #expect(resultReady.validity == .seconds(7 * 86_400))
        #expect(try #require(catalog.definition(of: .pickupReminder)).priority == .bulk)
        #expect(try #require(catalog.definition(of: .appointmentCancelled)).priority == .urgent)
        for kind in [NotificationKind.appointmentConfirmed, .appointmentReminder, .appointmentRescheduled, .appointmentCancelled] {
            #expect(try #require(catalog.definition(of: kind)).expiresNoLaterThan == "appointmentAt")
        }
    }

    @Test("result_ready in Vietnamese says what is ready, where, when and what to bring")
    func resultReadyVietnamese() throws {
        let message = try catalog.render(
            kind: .resultReady, locale: .vietnamese,
            variables: catalog.sampleVariables(for: .resultReady, locale: .vietnamese)
        )
        #expect(message.text == "Hồ sơ 000.00.00.H15-241130-0001 (Đăng ký thường trú) của Nguyễn Thị Thanh Hương đã có kết quả. "
            + "Mời nhận tại Công an xã Mường Phăng (T2-T6, 7h30-11h30, 13h30-17h). Mang theo giấy hẹn, thẻ căn cước.")
        #expect(message.analysis.encoding == .ucs2)
    }
}
