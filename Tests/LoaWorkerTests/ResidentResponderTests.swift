import Foundation
import LoaConfig
import LoaCore
import LoaStore
import LoaTemplates
import LoaTestSupport
import LoaWorker
import Logging
import Testing

/// Residents' SMS keywords answered through the outbox, with the shipped catalog and state words
/// and a real SQLite store; time is a clock the test sets.
@Suite("Answering residents' SMS")
struct ResidentResponderTests {
    static let root = Repository.root
    static let resident = try! PhoneNumber(parsing: "0912345678")
    static let code = "000.00.00.H15-241130-0001"

    /// A store with one dossier of the resident's (result ready, Mông), and a responder over it.
    struct Rig {
        let folder: TemporaryFolder
        let store: SQLiteStore
        let responder: ResidentResponder
        let clock: ManualClock
        var inboundCount = 0

        static func start() async throws -> Rig {
            let folder = try TemporaryFolder()
            let store = try SQLiteStore(path: folder.path("loa.sqlite"))
            try await store.migrate()
            let clock = ManualClock(Date(timeIntervalSince1970: 1_796_000_000))
            let catalog = try TemplateCatalog.load(from: root.appendingPathComponent("templates"))
            let words = try DossierStateWords.load(file: root.appendingPathComponent("config/dossier-states.yaml").path)
            let responder = ResidentResponder(
                store: store, composer: MessageComposer(catalog: catalog), words: words, inbound: WorkSignal(), dispatch: WorkSignal(),
                lookups: ResidentLookups(burst: 3, secondsPerLookup: 60), logger: Logger(label: "loa-test"), now: { clock.now })
            let event = DossierEvent(
                eventId: "e1", source: "motcua", dossierCode: code, procedure: "cccd_issue", status: .resultReady,
                occurredAt: clock.now, applicantName: "Giàng A Vảng", applicantPhone: resident, locale: .hmong, commune: "na-u",
                dueDate: nil, note: nil)
            _ = try await store.ingest([event]) { _, _ throws(IngestRejection) in EventPlan(messages: [], supersedesOlderMessages: false) }
            return Rig(folder: folder, store: store, responder: responder, clock: clock)
        }

        /// Stores `text` as sent by `from`, answers everything waiting, and returns the reply (if any).
        mutating func send(_ text: String, from: PhoneNumber = resident) async throws -> StoredMessage? {
            inboundCount += 1
            _ = try await store.record([InboundMessage(
                provider: "kannel", providerMessageId: "mo-\(inboundCount)", from: from, to: "8088", text: text, receivedAt: clock.now)])
            #expect(try await responder.answerWaiting() == 1)
            let stored = try await store.inboundMessages(after: 0, limit: 1000)
            let inbound = try #require(stored.last)
            #expect(inbound.handledAt != nil)
            // Replies carry the inbound message's id; a status reply sits with its dossier's messages.
            let candidates = try await store.messages(dossierCode: "", commune: nil) + store.messages(dossierCode: code, commune: nil)
            return candidates.first { $0.eventSource == ResidentResponder.messageSource && $0.eventId == "\(inbound.id)" }
        }
    }

    @Test("HS <code> answers the dossier's state and next step in the dossier's language, within one GSM-7 part")
    func statusInDossierLanguage() async throws {
        var rig = try await Rig.start()
        let reply = try #require(try await rig.send("hs 000.00.00.h15-241130-0001"))
        #expect(reply.kind == .residentDossierStatus)
        #expect(reply.locale == .hmong)
        #expect(reply.text == "Koj cov ntaub ntawv \(Self.code): ua tiav lawm. Thov tuaj txais ntawm Cong an xa, nqa daim ntawv teem caij tuaj.")
        #expect(reply.encoding == .gsm7)
        #expect(reply.segments == 1)
        #expect(reply.priority == .urgent)
        #expect(reply.recipient == Self.resident.e164)
        #expect(reply.dossierCode == Self.code)
        #expect(reply.eventSource == ResidentResponder.messageSource)
    }

    @Test("an unknown code and someone else's code get the same answer")
    func unknownAndOthersCodesAnswerAlike() async throws {
        var rig = try await Rig.start()
        let other = try PhoneNumber(parsing: "0987654321")
        let othersCode = try #require(try await rig.send("HS \(Self.code)", from: other))
        let unknown = try #require(try await rig.send("HS 000.00.00.H15-241130-0002", from: other))
        #expect(othersCode.kind == .residentDossierNotFound)
        #expect(unknown.kind == .residentDossierNotFound)
        #expect(othersCode.text.replacingOccurrences(of: Self.code, with: "X")
                == unknown.text.replacingOccurrences(of: "000.00.00.H15-241130-0002", with: "X"))
        #expect(othersCode.text.hasPrefix("Không tìm thấy hồ sơ"))
        #expect(othersCode.dossierCode.isEmpty, "nothing ties the reply to the dossier it names")
    }

    @Test("lookups are limited per phone: over the budget no reply goes; the budget refills with time")
    func lookupsRateLimited() async throws {
        var rig = try await Rig.start()
        for _ in 0..<3 { #expect(try await rig.send("HS \(Self.code)") != nil) }
        #expect(try await rig.send("HS \(Self.code)") == nil)
        #expect(try await rig.store.inboundMessages(after: 0, limit: 10).last?.outcome == "rate-limited")
        rig.clock.advance(by: 61)
        #expect(try await rig.send("HS \(Self.code)")?.kind == .residentDossierStatus)
    }

    @Test("TC stops notifications with a reply that still goes; DK resumes; both recorded with their source")
    func stopAndResume() async throws {
        var rig = try await Rig.start()
        let stopped = try #require(try await rig.send("Hủy"))
        #expect(stopped.kind == .residentStopped)
        #expect(stopped.priority == .urgent, "a stop's own confirmation is not held by the stop")
        let preferences = try await rig.store.preferences(of: Self.resident)
        #expect(preferences.optOutSource == "sms:kannel")
        #expect(preferences.optedOutAt == rig.clock.now)
        let claimed = try await rig.store.claimDue(now: rig.clock.now, limit: 10, leaseOwner: "w", leaseSeconds: 30)
        #expect(claimed.map(\.message.id) == [stopped.id])

        let resumed = try #require(try await rig.send("đk"))
        #expect(resumed.kind == .residentResumed)
        #expect(try await rig.store.preferences(of: Self.resident).isOptedOut == false)
    }

    @Test("MONG and VIET change the language; the confirmation is in the new language, and later replies follow it")
    func languageChange() async throws {
        var rig = try await Rig.start()
        let vietnamese = try #require(try await rig.send("Viet"))
        #expect(vietnamese.kind == .residentLanguage)
        #expect(vietnamese.locale == .vietnamese)
        #expect(vietnamese.text.hasPrefix("Từ nay tin nhắn gửi bằng tiếng Việt"))
        let status = try #require(try await rig.send("HS \(Self.code)"))
        #expect(status.locale == .vietnamese, "the resident's choice wins over the dossier's Mông")
        #expect(status.text == "Hồ sơ \(Self.code): đã có kết quả. Mời đến công an xã nhận, mang giấy hẹn.")
        let hmong = try #require(try await rig.send("HMOOB"))
        #expect(hmong.locale == .hmong)
        #expect(hmong.encoding == .gsm7)
    }

    @Test("anything else gets help at most once a Vietnam day")
    func helpOncePerDay() async throws {
        var rig = try await Rig.start()
        let help = try #require(try await rig.send("the cua toi xong chua?"))
        #expect(help.kind == .residentHelp)
        #expect(help.text.contains("HS <mã hồ sơ>"))
        #expect(try await rig.send("alo") == nil)
        #expect(try await rig.store.inboundMessages(after: 0, limit: 10).last?.outcome == "help-already-sent")
        rig.clock.advance(by: 86_400)
        #expect(try await rig.send("alo")?.kind == .residentHelp)
    }

    @Test("every state answer fits one GSM-7 part folded and the kind's budget in each locale")
    func stateWordsFitBudgets() throws {
        let catalog = try TemplateCatalog.load(from: Self.root.appendingPathComponent("templates"))
        let words = try DossierStateWords.load(file: Self.root.appendingPathComponent("config/dossier-states.yaml").path)
        let definition = try #require(catalog.definition(of: .residentDossierStatus))
        var checked = 0
        for status in DossierStatus.allCases {
            for locale in MessageLocale.supported {
                let answer = try #require(words.answer(for: status, locale: locale))
                var variables: [String: TemplateValue] = ["dossierCode": .text(Self.code), "state": .text(answer.state)]
                variables["nextStep"] = answer.next.map(TemplateValue.text)
                for (policy, budget) in definition.maxSegments[locale] ?? [:] {
                    let rendered = try catalog.render(kind: .residentDossierStatus, locale: locale, variables: variables, policy: policy)
                    checked += 1
                    #expect(rendered.analysis.segments <= budget, "\(status) \(locale) \(policy): \(rendered.analysis.text)")
                }
            }
        }
        #expect(checked == DossierStatus.allCases.count * 3)
    }
}
