import Foundation
import LoaCore
import LoaTemplates
import Testing

@Suite("Variables from JSON")
struct JSONVariablesTests {
    let catalog: TemplateCatalog

    init() throws {
        catalog = try TemplateCatalog.load(from: TemplateDirectories.shipped)
    }

    func variables(_ json: String) throws(TemplateVariablesError) -> [String: TemplateValue] {
        try catalog.variables(fromJSON: Data(json.utf8))
    }

    @Test("each declared type is read from its JSON form")
    func types() throws {
        let read = try variables(#"""
            {"name": "Giàng A Vảng", "dueDate": "2026-12-05", "appointmentAt": "2026-12-05T08:30:00+07:00",
             "previousAppointmentAt": "2026-12-04T01:30:00.250Z", "amount": 150000}
            """#)
        #expect(read["name"] == .text("Giàng A Vảng"))
        #expect(read["dueDate"] == .date(try #require(CalendarDay(year: 2026, month: 12, day: 5))))
        #expect(read["appointmentAt"] == .dateTime(Date(timeIntervalSince1970: 1_796_434_200)))
        #expect(read["previousAppointmentAt"] == .dateTime(Date(timeIntervalSince1970: 1_796_347_800.25)))
        #expect(read["amount"] == .amount(150_000))
    }

    @Test("wrong forms name the variable and the expected type")
    func wrongForms() {
        #expect(throws: TemplateVariablesError.invalidValue("dueDate", expected: .date)) { try variables(#"{"dueDate": "05/12/2026"}"#) }
        #expect(throws: TemplateVariablesError.invalidValue("amount", expected: .amount)) { try variables(#"{"amount": "150000"}"#) }
        #expect(throws: TemplateVariablesError.invalidValue("amount", expected: .amount)) { try variables(#"{"amount": 1.5}"#) }
        #expect(throws: TemplateVariablesError.invalidValue("name", expected: .text)) { try variables(#"{"name": 7}"#) }
        #expect(throws: TemplateVariablesError.unknownVariable("nmae")) { try variables(#"{"nmae": "x"}"#) }
    }

    @Test("anything but a flat object is malformed")
    func malformed() {
        for json in [#"["name"]"#, #"{"name": {"first": "A"}}"#, "{name: 1}", ""] {
            #expect(throws: TemplateVariablesError.self) { try variables(json) }
            do {
                _ = try variables(json)
            } catch {
                guard case .malformed = error else {
                    Issue.record("\(json): unexpected \(error)")
                    continue
                }
            }
        }
    }
}
