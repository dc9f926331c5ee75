import Foundation
import LoaCore
import LoaHTTPClient
import LoaPeers
import LoaProviders
import Testing

/// The Kannel adapter over real HTTP against a Kannel stand-in that fails on demand: every
/// transport fault comes out as the shared vocabulary's transient failure, and nothing is lost.
@Suite("Kannel adapter under transport faults")
struct KannelTransportFaultTests {
    /// The adapter; `timeoutSeconds` is short only where a hang is meant to time out, since the
    /// suite shares two cores with every other test.
    static func provider(_ kannel: FakeKannel, password: String = "loa-secret", timeoutSeconds: Double = 60) throws -> KannelProvider {
        try KannelProvider(
            name: "kannel",
            settings: KannelSettings(
                sendURL: URL(string: kannel.sendURL)!, username: "loa", password: password,
                receiptBaseURL: URL(string: "http://127.0.0.1:9/")!, receiptSecret: "secret", timeoutSeconds: timeoutSeconds))
    }

    static func request(_ id: String) throws -> SubmitRequest {
        SubmitRequest(messageId: id, attempt: 1, to: try PhoneNumber(parsing: "0912345678"), text: "Ho so da co ket qua", encoding: .gsm7, segments: 1, sender: "Loa", kind: .resultReady)
    }

    @Test("each fault that answers is transient with its code; 429 carries Retry-After", arguments: [
        (Fault.unavailable, "kannel_unavailable", nil),
        (Fault.throttled(retryAfterSeconds: 7), "throttled", 7),
        (Fault.reset, "kannel_unreachable", nil),
    ] as [(Fault, String, Double?)])
    func faults(fault: Fault, code: String, retryAfter: Double?) async throws {
        let kannel = try await FakeKannel.start(settings: .init(faults: FaultMix(share: 1, kinds: [fault])))
        let provider = try Self.provider(kannel)
        let request = try Self.request("msg_fault")
        for _ in 0..<2 {
            do {
                _ = try await provider.submit(request)
                Issue.record("a \(fault) fault was taken as accepted")
            } catch {
                #expect(error.kind == .transient)
                #expect(error.code == code)
                #expect(error.retryAfterSeconds == retryAfter)
            }
        }
        let statistics = kannel.statistics
        try await kannel.stop()
        #expect(statistics.accepted == 0)
        // Each of these faults is an answer the client waited for, so the stand-in counted it first.
        #expect(statistics.faults[fault.description] == 2)
    }

    /// The stand-in never answers (an hour is far beyond any deadline), so the client's deadline
    /// decides, however busy the machine: this asserts what the client saw, not how many
    /// requests reached the stand-in before their deadline.
    @Test("a submission Kannel never answers times out as transient, and nothing is accepted")
    func hang() async throws {
        let kannel = try await FakeKannel.start(settings: .init(faults: FaultMix(share: 1, kinds: [.hang(.seconds(3600))])))
        let provider = try Self.provider(kannel, timeoutSeconds: 1)
        let request = try Self.request("msg_hang")
        for _ in 0..<2 {
            do {
                _ = try await provider.submit(request)
                Issue.record("a hanging Kannel was taken as accepting")
            } catch {
                #expect(error.kind == .transient)
                #expect(error.code == "kannel_unreachable")
                #expect(error.retryAfterSeconds == nil)
            }
        }
        let statistics = kannel.statistics
        try await kannel.stop()
        #expect(statistics.accepted == 0)
        #expect((statistics.faults["hang"] ?? 0) <= 2)
    }

    @Test("an accepted message returns Loa's id; wrong credentials are permanent")
    func acceptedAndRefused() async throws {
        let kannel = try await FakeKannel.start()
        #expect(try await Self.provider(kannel).submit(try Self.request("msg_ok")) == "msg_ok")
        let refused = try Self.request("msg_bad")
        let wrongPassword = try Self.provider(kannel, password: "wrong")
        do {
            _ = try await wrongPassword.submit(refused)
            Issue.record("wrong credentials were accepted")
        } catch {
            #expect(error.kind == .permanent)
            #expect(error.code == "kannel_auth")
        }
        #expect(kannel.acceptanceCounts == ["msg_ok": 1])
        #expect(kannel.statistics.rejected == 1)
        try await kannel.stop()
    }

    @Test("submissions keep their connections open: 300 at 16 at once use at most 16")
    func keepsConnections() async throws {
        let kannel = try await FakeKannel.start()
        let provider = try KannelProvider(
            name: "kannel",
            settings: KannelSettings(
                sendURL: URL(string: kannel.sendURL)!, username: "loa", password: "loa-secret",
                receiptBaseURL: URL(string: "http://127.0.0.1:9/")!, receiptSecret: "secret", timeoutSeconds: 60),
            maxConnections: 16)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<300 {
                let request = try Self.request("msg_\(index)")
                group.addTask { _ = try await provider.submit(request) }
            }
            try await group.waitForAll()
        }
        let statistics = kannel.statistics
        try await kannel.stop()
        #expect(statistics.distinctMessages == 300)
        #expect(statistics.connections <= 16)
    }

    @Test("an https sendsms URL is refused when the adapter is made")
    func httpsRefused() {
        #expect(throws: HTTPClientFailure.self) {
            _ = try KannelProvider(
                name: "kannel",
                settings: KannelSettings(
                    sendURL: URL(string: "https://kannel.example/cgi-bin/sendsms")!, username: "loa", password: "p",
                    receiptBaseURL: URL(string: "http://127.0.0.1:9/")!, receiptSecret: "secret"))
        }
    }
}
