import Foundation
import GRDB
import LoaPeers
import LoaTestSupport
import Testing

/// What a resident sends, through real Kannel: fakesmsc plays the handset's SMSC and sends a
/// mobile-originated message, Kannel's `sms-service` `get-url` hands it to Loa, Loa stores it,
/// answers it through its outbox, and the answer reaches fakesmsc through Kannel's sendsms.
/// In the Kannel suite, so it never runs beside the other test that holds Kannel's ports.
extension KannelTests {
    static let inboundSecret = "kannel-test-inbound-secret-of-32-bytes-or-more"

    @Test("a Vietnamese message a resident sends (UCS-2) reaches Loa's store through Kannel's sms-service, intact, and its answer reaches the resident")
    func inboundThroughKannel() async throws {
        let port = try Peers.freePort()
        let kannelFolder = FileManager.default.temporaryDirectory.appendingPathComponent("loa-kannel-mo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: kannelFolder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: kannelFolder) }

        // Replies go out through Kannel too.
        let base = try String(contentsOf: LoaBinary.repositoryRoot.appendingPathComponent("config/loa.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "  provider: sandbox ", with: "  provider: kannel  ")
        let config = kannelFolder.appendingPathComponent("loa.yaml")
        try (base + """

              kannel:
                type: kannel
                url: http://127.0.0.1:13013/cgi-bin/sendsms
                username: loa
                password: loa-secret
                receiptSecret: kannel-test-receipt-secret-of-32-bytes-or-more
                inboundSecret: \(Self.inboundSecret)
                receiptURL: http://127.0.0.1:\(port)

            """).write(to: config, atomically: true, encoding: .utf8)
        // Loa first: Kannel calls the get-url as soon as fakesmsc has sent.
        let loa = try LoaBinary(configPath: config.path)
        try await loa.start(port: port)

        let text = "Tra cứu hồ sơ H15-241130-0001 🙏"
        let ucs2 = text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }.map { String(format: "%%%02X", $0) }.joined()
        try await KannelScript.run(["start", kannelFolder.path], repositoryRoot: LoaBinary.repositoryRoot, environment: [
            "KANNEL_SMS_SERVICE_URL":
                "http://127.0.0.1:\(port)/v1/providers/kannel/inbound?key=\(Self.inboundSecret)&id=%I&from=%p&to=%P&text=%b&coding=%c&charset=%C",
            "KANNEL_FAKESMSC_MO": "84912345678 8088 ucs2 \(ucs2)",
        ])
        defer { try? KannelScript.run(["stop", kannelFolder.path], repositoryRoot: LoaBinary.repositoryRoot) }

        let stored = try await waitForInbound(databasePath: loa.databasePath, loa: loa, kannelFolder: kannelFolder)
        #expect(stored.provider == "kannel")
        #expect(stored.sender == "+84912345678")
        #expect(stored.recipient == "8088")
        #expect(stored.text == text)
        #expect(stored.providerMessageId?.isEmpty == false, "Kannel's %I, which makes a repeated hand-over recognisable")
        // Not a keyword: the resident is answered with help, in Vietnamese, through Kannel.
        let help = try await waitForReply(to: "84912345678", kannelFolder: kannelFolder, loa: loa)
        #expect(help.hasPrefix("Nhắn: HS <mã hồ sơ> để tra cứu hồ sơ"), "fakesmsc got: \(help)")
        let mentions = loa.logs().components(separatedBy: "912345678").count - 1
        #expect(mentions == 0, "the resident's number is not in Loa's log")
    }

    /// Waits until fakesmsc has logged a whole message to `number` (parts joined).
    private func waitForReply(to number: String, kannelFolder: URL, loa: LoaBinary) async throws -> String {
        let log = kannelFolder.appendingPathComponent("fakesmsc.log")
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            let parts = ((try? FakeSMSCLog.messages(at: log)) ?? []).filter { $0.to.hasSuffix(number) }
            if let first = parts.first, parts.count == (first.concatenation?.total ?? 1) {
                return parts.sorted { ($0.concatenation?.sequence ?? 0) < ($1.concatenation?.sequence ?? 0) }.map(\.text).joined()
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw HarnessError("no reply reached fakesmsc through Kannel\nloa:\n\(loa.logs())")
    }

    struct StoredInbound {
        let provider: String
        let providerMessageId: String?
        let sender: String
        let recipient: String
        let text: String
    }

    /// Reads Loa's database (read-only, beside the running gateway) until an inbound message is there.
    private func waitForInbound(databasePath: String, loa: LoaBinary, kannelFolder: URL) async throws -> StoredInbound {
        var configuration = Configuration()
        configuration.readonly = true
        let database = try DatabasePool(path: databasePath, configuration: configuration)
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let row = try await database.read { db in
                try Row.fetchOne(db, sql: "SELECT provider, provider_message_id, sender, recipient, text FROM inbound_messages ORDER BY id LIMIT 1")
            }
            if let row {
                return StoredInbound(
                    provider: row["provider"], providerMessageId: row["provider_message_id"], sender: row["sender"],
                    recipient: row["recipient"], text: row["text"])
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        let smsbox = (try? String(contentsOf: kannelFolder.appendingPathComponent("smsbox.log"), encoding: .utf8)) ?? ""
        throw HarnessError("no inbound message reached Loa's store through Kannel\nsmsbox.log tail:\n\(smsbox.suffix(3000))\nloa:\n\(loa.logs())")
    }
}
