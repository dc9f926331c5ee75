import Foundation
import LoaCore
import LoaTemplates
import Testing

@Suite("Kind definitions")
struct KindDefinitionTests {
    let catalog: TemplateCatalog

    init() throws {
        catalog = try TemplateCatalog.load(from: TemplateDirectories.shipped)
    }

    @Test("a message expires after its validity")
    func expiryByValidity() throws {
        let definition = try #require(catalog.definition(of: .resultReady))
        let created = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(definition.expiry(createdAt: created, variables: [:]) == created.addingTimeInterval(7 * 86_400))
    }

    @Test("an appointment message expires no later than the appointment")
    func expiryByAppointment() throws {
        let definition = try #require(catalog.definition(of: .appointmentReminder))
        let created = Date(timeIntervalSince1970: 1_800_000_000)
        let soon = created.addingTimeInterval(3600)
        #expect(definition.expiry(createdAt: created, variables: ["appointmentAt": .dateTime(soon)]) == soon)
        let later = created.addingTimeInterval(30 * 86_400)
        #expect(definition.expiry(createdAt: created, variables: ["appointmentAt": .dateTime(later)])
            == created.addingTimeInterval(86_400))
    }
}
