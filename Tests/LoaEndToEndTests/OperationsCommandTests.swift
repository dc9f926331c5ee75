import Foundation
import LoaCore
import LoaStore
import LoaTestSupport
import Testing

/// `loa audit` and `loa status` against the real binary and its database.
@Suite("loa audit and loa status, end to end", .serialized)
struct OperationsCommandTests {
    @Test("keys created and revoked at the command line are in loa audit, newest first, filtered by action")
    func keysAreAudited() async throws {
        let loa = try LoaBinary()
        _ = try await loa.run(["migrate"])
        let created = try await loa.run(["keys", "create", "--role", "operator", "--name", "night desk"])
        let keyId = try #require(created.split(separator: " ").dropFirst(2).first.map(String.init), "created key ID (…): \(created)")
        #expect(keyId.hasPrefix("key_"))
        _ = try await loa.run(["keys", "revoke", keyId])

        let lines = try await loa.run(["audit"]).split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(lines.map { $0[2] } == ["keyRevoked", "keyCreated"])
        for fields in lines {
            #expect(fields.count == 8)
            #expect(fields[3] == "-", "no key acted at the command line")
            #expect(fields[4].hasPrefix("cli:"))
            #expect(fields[5] == "-", "no address at the command line")
            #expect(fields[6] == keyId)
        }
        #expect(lines.last?[7] == "operator")
        let onlyCreated = try await loa.run(["audit", "--action", "keyCreated"]).split(separator: "\n")
        #expect(onlyCreated.count == 1)
        #expect(try await loa.run(["audit", "--from", "2099-01-01T00:00:00+07:00"]).isEmpty)
        let refused = try await loa.runFailing(["audit", "--from", "yesterday"])
        #expect(refused.status != 0)
        #expect(refused.error.contains("--from"))
    }

    @Test("loa status shows the queue, what waits for quiet hours and today's messages; --json the same figures")
    func statusAtAGlance() async throws {
        let loa = try LoaBinary()
        _ = try await loa.run(["migrate"])
        let now = Date()
        let store = try SQLiteStore(path: loa.databasePath)
        func message(_ id: String, notBefore: Date, waitReason: WaitReason?) -> StoredMessage {
            StoredMessage(
                id: id, dossierCode: "D-\(id)", commune: "na-u", kind: .resultReady, locale: .vietnamese, priority: .normal,
                recipient: "+84912345678", text: "Ho so da co ket qua.", encoding: .gsm7, segments: 1,
                createdAt: now, updatedAt: now, notBefore: notBefore, expiresAt: now.addingTimeInterval(86_400),
                eventSource: "test", eventId: "e-\(id)", waitReason: waitReason)
        }
        let messages = [message("night", notBefore: now.addingTimeInterval(3600), waitReason: .quietHours), message("due", notBefore: now, waitReason: nil)]
        let events = messages.map {
            DossierEvent(
                eventId: "e-\($0.id)", source: "test", dossierCode: $0.dossierCode, procedure: "cccd_issue", status: .resultReady,
                occurredAt: now, applicantName: "Giàng A Vảng", applicantPhone: try! PhoneNumber(parsing: "0912345678"),
                locale: .vietnamese, commune: "na-u", dueDate: nil, note: nil)
        }
        let byEvent = Dictionary(uniqueKeysWithValues: zip(events.map(\.eventId), messages))
        _ = try await store.ingest(events) { event, _ throws(IngestRejection) in
            EventPlan(messages: [byEvent[event.eventId]!], supersedesOlderMessages: false)
        }

        let text = try await loa.run(["status"])
        #expect(text.contains("2 waiting to be sent (1 due now, 0 sending)"), "\(text)")
        #expect(text.contains("quietHours 1"), "\(text)")
        #expect(text.contains("2 messages, 0 segments sent"), "\(text)")

        let json = try #require(try JSONSerialization.jsonObject(with: Data(try await loa.run(["status", "--json"]).utf8)) as? [String: Any])
        #expect(json["queueDepth"] as? Int == 2)
        #expect(json["dueNow"] as? Int == 1)
        #expect((json["waitingFor"] as? [String: Int])?["quietHours"] == 1)
        #expect((json["waitingFor"] as? [String: Int])?.count == WaitReason.allCases.count)
        #expect((json["messagesByState"] as? [String: Int])?["pending"] == 2)
        #expect((json["today"] as? [String: Any])?["total"] as? Int == 2)
        #expect(json["inDoubtAttempts"] as? Int == 0)
        #expect(json["oldestWaitingSince"] is String)
    }
}
