import Foundation
import LoaCore
import LoaTemplates
import Testing

/// Values pasted from anywhere must not turn a Mông message into UCS-2: what has a plain form is
/// replaced, the rest refused naming the variable.
@Suite("Mông messages stay GSM-7 whatever the values")
struct HostileValueTests {
    let catalog: TemplateCatalog

    init() throws {
        catalog = try TemplateCatalog.load(from: TemplateDirectories.shipped)
    }

    /// The samples of `kind` in hmn with every text value replaced by `value`.
    func variables(_ kind: NotificationKind, _ value: String) -> [String: TemplateValue] {
        catalog.sampleVariables(for: kind, locale: .hmong).mapValues { sample in
            if case .text = sample { return .text(value) }
            return sample
        }
    }

    @Test("symbols with a plain form are replaced, in every kind", arguments: [
        "Giàng “A” Vảng – 150.000₫…", "Nguyễn Thị ‘Hương’ × 2", "Peña Çelik", "tab\there\u{00A0}nbsp\u{200B}",
    ])
    func replaced(value: String) throws {
        for kind in catalog.kinds {
            let message = try catalog.render(kind: kind, locale: .hmong, variables: variables(kind, value))
            #expect(message.analysis.encoding == .gsm7, "\(kind): \(message.text)")
            #expect(SMSText.isGSM7(message.text), "\(kind): \(message.text)")
        }
        let message = try catalog.render(kind: .resultReady, locale: .hmong, variables: variables(.resultReady, "150.000₫ “ok”"))
        #expect(message.text.contains("150.000d \"ok\""), "\(message.text)")
    }

    @Test("an emoji or another script is refused naming the variable, in every kind that shows text", arguments: ["Giàng A Vảng 😀", "王小明", "Vảng 👍🏽"])
    func refused(value: String) throws {
        for kind in catalog.kinds where catalog.definition(of: kind)?.variables.contains(where: { catalog.sampleVariables(for: kind, locale: .hmong)[$0]?.type == .text }) ?? false {
            #expect(throws: TemplateRenderError.self, "\(kind)") {
                try catalog.render(kind: kind, locale: .hmong, variables: variables(kind, value))
            }
        }
        do {
            _ = try catalog.render(kind: .resultReady, locale: .hmong, variables: variables(.resultReady, value))
            Issue.record("rendered")
        } catch {
            guard case .notPlainText(let name, let character) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(catalog.definition(of: .resultReady)?.variables.contains(name) ?? false)
            #expect(character.contains("U+"))
            #expect(error.description.contains("variable '\(name)'"))
        }
    }

    @Test("Vietnamese keeps its marks and may carry any character")
    func vietnameseUntouched() throws {
        let message = try catalog.render(kind: .resultReady, locale: .vietnamese, variables: variables(.resultReady, "Giàng A Vảng 😀"))
        #expect(message.text.contains("😀"))
        #expect(message.analysis.encoding == .ucs2)
    }

    @Test("a route that sends Mông as unicode is the operator's choice: nothing is refused")
    func unicodeRoute() throws {
        let message = try catalog.render(kind: .resultReady, locale: .hmong, variables: variables(.resultReady, "Vảng 😀"), policy: .unicode)
        #expect(message.text.contains("😀"))
    }
}
