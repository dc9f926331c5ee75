@testable import LoaTemplates
import Testing

@Suite("The compiled renderer agrees with swift-mustache")
struct TemplateProgramTests {
    static let templates = [
        "Nyob zoo {{name}}.{{#bring}} Thov nqa {{bring}} tuaj.{{/bring}} Ua tsaug.\n",
        "{{#bring}}Mang theo {{bring}}.{{/bring}}{{^bring}}Không cần mang gì.{{/bring}}",
        "Dòng một {{name}}\n{{#bring}}\nMang theo {{bring}}\n{{/bring}}\nDòng cuối\n",
        "  {{! a comment on its own line }}\n{{name}} {{{bring}}} {{& name}}",
        "{{#name}}{{#bring}}{{name}} mang {{bring}}{{/bring}}{{/name}}",
        "Windows\r\n{{#bring}}\r\n{{bring}}\r\n{{/bring}}\r\nend",
        "   {{#bring}}   \n  indented {{bring}}\n  {{/bring}}  \nafter",
        "{{#undeclared}}never {{/undeclared}}{{^undeclared}}always {{/undeclared}}{{undeclared}}{{name}}",
    ]

    static let slots = VariableSlots(["name", "bring"])

    static let valueSets: [[String?]] = [
        [nil, nil],
        ["Giàng A Vảng", nil],
        ["Lò <Văn> & \"A\"", "giấy hẹn"],
    ]

    func compile(_ source: String) throws -> CompiledTemplate {
        try CompiledTemplate(file: "vi/test.mustache", source: source, slots: Self.slots)
    }

    @Test("same text for every template and value set", arguments: templates)
    func agrees(source: String) throws {
        let template = try compile(source)
        for values in Self.valueSets {
            #expect(template.render(values) == template.renderWithReference(values, slots: Self.slots), "\(values)")
        }
    }

    @Test("standalone section lines disappear with their newline")
    func standaloneLines() throws {
        let template = try compile(Self.templates[2])
        #expect(template.render(["A", "B"]) == "Dòng một A\nMang theo B\nDòng cuối")
        #expect(template.render(["A", nil]) == "Dòng một A\nDòng cuối")
    }

    @Test("inverted sections show when the variable is absent")
    func invertedSection() throws {
        let template = try compile(Self.templates[1])
        #expect(template.render([nil, nil]) == "Không cần mang gì.")
        #expect(template.render([nil, "giấy hẹn"]) == "Mang theo giấy hẹn.")
    }
}
