import Foundation
import LoaCore
import LoaTemplates
import Testing

@Suite("Rendering")
struct RenderingTests {
    let catalog: TemplateCatalog

    init() throws {
        catalog = try TemplateCatalog.load(from: TemplateDirectories.shipped)
    }

    var resultReady: [String: TemplateValue] {
        [
            "name": .text("Giàng A Vảng"),
            "dossierCode": .text("000.00.00.H15-241130-0001"),
            "procedure": .text("Cấp thẻ căn cước"),
            "office": .text("Công an xã Na Ư"),
        ]
    }

    @Test("Mông folds Vietnamese names and values to GSM-7")
    func mongFoldsNames() throws {
        var variables = resultReady
        variables["procedure"] = .text("Cap the can cuoc")
        let message = try catalog.render(kind: .resultReady, locale: .hmong, variables: variables)
        #expect(message.text == "Nyob zoo Giang A Vang. Koj cov ntaub ntawv 000.00.00.H15-241130-0001 (Cap the can cuoc) ua tiav lawm. "
            + "Thov tuaj txais nyob Cong an xa Na U. Ua tsaug.")
        #expect(message.analysis.encoding == .gsm7)
        #expect(message.policy == .fold)
    }

    @Test("Vietnamese keeps its marks by default and folds on request")
    func vietnamesePolicies() throws {
        let marked = try catalog.render(kind: .resultReady, locale: .vietnamese, variables: resultReady)
        #expect(marked.policy == .unicode)
        #expect(marked.text.hasPrefix("Hồ sơ 000.00.00.H15-241130-0001 (Cấp thẻ căn cước) của Giàng A Vảng đã có kết quả."))
        let folded = try catalog.render(kind: .resultReady, locale: .vietnamese, variables: resultReady, policy: .fold)
        #expect(folded.policy == .fold)
        #expect(folded.text.hasPrefix("Ho so 000.00.00.H15-241130-0001 (Cap the can cuoc) cua Giang A Vang da co ket qua."))
        #expect(folded.analysis.encoding == .gsm7)
    }

    @Test("an optional section shows only when its variable is given")
    func optionalSection() throws {
        let without = try catalog.render(kind: .resultReady, locale: .vietnamese, variables: resultReady)
        #expect(without.text.hasSuffix("đã có kết quả. Mời nhận tại Công an xã Na Ư."))
        var variables = resultReady
        variables["bring"] = .text("giấy hẹn")
        variables["officeHours"] = .text("T2-T6, 7h30-11h30")
        let with = try catalog.render(kind: .resultReady, locale: .vietnamese, variables: variables)
        #expect(with.text.hasSuffix("đã có kết quả. Mời nhận tại Công an xã Na Ư (T2-T6, 7h30-11h30). Mang theo giấy hẹn."))
    }

    @Test("empty or blank text counts as absent")
    func blankIsAbsent() throws {
        var variables = resultReady
        variables["bring"] = .text("  ")
        let message = try catalog.render(kind: .resultReady, locale: .vietnamese, variables: variables)
        #expect(!message.text.contains("Mang theo"))
        variables["name"] = .text("")
        #expect(throws: TemplateRenderError.missingVariable("name")) {
            try catalog.render(kind: .resultReady, locale: .vietnamese, variables: variables)
        }
    }

    @Test("a missing required variable is named")
    func missingVariable() {
        var variables = resultReady
        variables["office"] = nil
        #expect(throws: TemplateRenderError.missingVariable("office")) {
            try catalog.render(kind: .resultReady, locale: .hmong, variables: variables)
        }
        #expect(TemplateRenderError.missingVariable("office").description.contains("'office'"))
    }

    @Test("values are inserted as given, without HTML escaping")
    func noHTMLEscaping() throws {
        var variables = resultReady
        variables["name"] = .text(#"Lò <Văn> "A" & 'B'"#)
        let message = try catalog.render(kind: .resultReady, locale: .vietnamese, variables: variables)
        #expect(message.text.contains(#"của Lò <Văn> "A" & 'B' đã có kết quả"#))
        #expect(!message.text.contains("&amp;"))
    }

    @Test("undeclared variables, wrong types, unknown kinds and locales are refused")
    func refusedInput() {
        var variables = resultReady
        variables["nmae"] = .text("x")
        #expect(throws: TemplateRenderError.unknownVariable("nmae")) {
            try catalog.render(kind: .resultReady, locale: .vietnamese, variables: variables)
        }
        variables = resultReady
        variables["dossierCode"] = .amount(1)
        #expect(throws: TemplateRenderError.wrongType("dossierCode", expected: .text)) {
            try catalog.render(kind: .resultReady, locale: .vietnamese, variables: variables)
        }
        #expect(throws: TemplateRenderError.unknownKind(NotificationKind(rawValue: "result_redy"))) {
            try catalog.render(kind: NotificationKind(rawValue: "result_redy"), locale: .vietnamese, variables: resultReady)
        }
        #expect(throws: TemplateRenderError.unsupportedLocale(MessageLocale(rawValue: "en"), kind: .resultReady)) {
            try catalog.render(kind: .resultReady, locale: MessageLocale(rawValue: "en"), variables: resultReady)
        }
    }

    @Test("declared variables a kind does not take are ignored")
    func unlistedVariablesIgnored() throws {
        var variables = resultReady
        variables["amount"] = .amount(150_000)
        variables["officeAddress"] = .text("Trụ sở UBND xã Na Ư")
        let message = try catalog.render(kind: .resultReady, locale: .vietnamese, variables: variables)
        #expect(!message.text.contains("150.000"))
        #expect(!message.text.contains("Trụ sở"))
    }

    @Test("dates, times and amounts are written the locale's way")
    func localisedValues() throws {
        let appointment = try #require(ISO8601DateFormatter().date(from: "2026-12-05T01:30:00Z"))
        let variables: [String: TemplateValue] = [
            "name": .text("Giàng A Vảng"),
            "office": .text("Công an xã Na Ư"),
            "appointmentAt": .dateTime(appointment),
        ]
        let vietnamese = try catalog.render(kind: .appointmentReminder, locale: .vietnamese, variables: variables)
        #expect(vietnamese.text == "Nhắc lịch hẹn: mời Giàng A Vảng đến Công an xã Na Ư lúc 08:30 ngày 05/12/2026.")
        let mong = try catalog.render(kind: .appointmentReminder, locale: .hmong, variables: variables)
        #expect(mong.text == "Nyob zoo Giang A Vang. Nco ntsoov: koj muaj teem caij nyob Cong an xa Na U "
            + "thaum 8:30 teev, hnub tim 5 lub 12 hli 2026. Ua tsaug.")

        var payment = resultReady
        payment["amount"] = .amount(150_000)
        #expect(try catalog.render(kind: .paymentRequired, locale: .vietnamese, variables: payment).text.contains("150.000 đồng"))
        #expect(try catalog.render(kind: .paymentRequired, locale: .hmong, variables: payment).text.contains("150.000 dong"))
    }

    @Test("rendering is deterministic and the message is what the analysis sends")
    func renderedMessageFields() throws {
        let first = try catalog.render(kind: .returned, locale: .hmong, variables: resultReady)
        let second = try catalog.render(kind: .returned, locale: .hmong, variables: resultReady)
        #expect(first == second)
        #expect(first.kind == .returned)
        #expect(first.locale == .hmong)
        #expect(first.analysis.parts.joined() == first.text)
    }
}
