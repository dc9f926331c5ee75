import Foundation
import LoaConfig
import LoaCore
import LoaStore
import LoaTemplates
import LoaWorker
import LoaTestSupport
import Testing

/// Quiet hours applied when messages are planned, with an injected clock.
@Suite("Quiet hours at ingest")
struct QuietHoursPlanningTests {
    static let root = Repository.root

    func planner(at instant: Date) throws -> EventPlanner {
        EventPlanner(
            rules: .defaults, catalog: try TemplateCatalog.load(from: Self.root.appendingPathComponent("templates")),
            reference: try ReferenceData.load(
                proceduresFile: Self.root.appendingPathComponent("config/procedures.yaml").path,
                communesFile: Self.root.appendingPathComponent("config/communes.yaml").path),
            quietHours: .standard, now: { instant })
    }

    func event() throws -> DossierEvent {
        DossierEvent(
            eventId: "q", source: "test", dossierCode: "Q-1", procedure: "cccd_issue", status: .resultReady,
            occurredAt: Date(timeIntervalSince1970: 0), applicantName: "Giàng A Vảng",
            applicantPhone: try PhoneNumber(parsing: "0912345678"), locale: .hmong, commune: "na-u", dueDate: nil, note: nil)
    }

    /// 2026-11-30 22:00 and 10:00 in Vietnam.
    static let tenAtNight = Date(timeIntervalSince1970: 1_795_971_600 + 22 * 3600)
    static let tenInTheMorning = Date(timeIntervalSince1970: 1_795_971_600 + 10 * 3600)

    @Test("a pickup notice created at 22:00 waits until 07:00; one created at 10:00 goes at once")
    func waitsForMorning() throws {
        let night = try planner(at: Self.tenAtNight).plan(try event(), after: nil)
        let message = try #require(night.messages.first)
        #expect(message.priority == .normal)
        #expect(message.notBefore.timeIntervalSince(Self.tenAtNight) == 9 * 3600)
        #expect(message.expiresAt > message.notBefore)

        let morning = try planner(at: Self.tenInTheMorning).plan(try event(), after: nil)
        #expect(morning.messages.first?.notBefore == Self.tenInTheMorning)
    }
}
