import Foundation
import LoaCore
import LoaPeers
import LoaStore
import Testing

/// SpeedSMS's published API gives no per-message delivery report callback (see
/// `config/providers/speedsms.yaml`): a message it takes stays `sent` until
/// `providers.speedsms.reportTimeout`, then ends `unreported`, never waiting for ever.
@Suite("SpeedSMS messages end by the report timeout")
struct SpeedSMSReportTimeoutTests {
    @Test("a message SpeedSMS took stays sent until providers.speedsms.reportTimeout, then ends unreported")
    func endsByReportTimeout() async throws {
        let speedsms = try await SpeedSMSStandIn.start()
        let harness = try await TestGateway.make([
            "providers.speedsms.type": "http",
            "providers.speedsms.preset": TestGateway.repositoryRoot.appendingPathComponent("config/providers/speedsms.yaml").path,
            "providers.speedsms.url": speedsms.urlTemplate,
            "providers.speedsms.secrets.accessToken": SpeedSMSStandIn.accessToken,
            "providers.speedsms.sender": "CAXANAU",
            "providers.speedsms.reportTimeout": "2h",
            "routes.default": "speedsms",
        ])
        let store = harness.gateway.store
        let timeouts = harness.gateway.configuration.reportTimeouts
        try await harness.test { api in
            let accepted = try await api.post("/v1/dossier-events", as: "ingest", json: SampleEvent.make("e1"))
            let id = try #require((accepted.results.first?["messageIds"] as? [String])?.first)
            #expect(try await harness.gateway.dispatcher.dispatchDue() == 1)

            let sent = try #require(try await store.message(id: id))
            #expect(sent.state == .sent)
            #expect(sent.provider == "speedsms")
            let taken = speedsms.takenMessages()
            #expect(taken.map(\.to) == ["84912345678"])
            #expect(sent.providerMessageId == taken.first?.id, "the tranId SpeedSMS answered")
            let sentAt = sent.updatedAt

            #expect(try await store.endUnreported(now: sentAt.addingTimeInterval(2 * 3600 - 60), reportTimeouts: timeouts) == 0)
            #expect(try await store.message(id: id)?.state == .sent, "the timeout is providers.speedsms.reportTimeout, not sooner")

            #expect(try await store.endUnreported(now: sentAt.addingTimeInterval(2 * 3600 + 60), reportTimeouts: timeouts) == 1)
            let unreported = try #require(try await store.message(id: id))
            #expect(unreported.state == .unreported)
            #expect(unreported.lastError?.contains("providers.speedsms.reportTimeout") == true)
        }
        try await speedsms.stop()
    }
}
