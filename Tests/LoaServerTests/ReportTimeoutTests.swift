import Foundation
import LoaCore
import LoaStore
import LoaWorker
import Logging
import Testing

/// A message whose report never comes does not stay `sent` for ever: the janitor ends it
/// `unreported` after its provider's `reportTimeout`, and operators count it.
@Suite("Report timeout")
struct ReportTimeoutTests {
    @Test("the janitor ends unreported what waited past its provider's timeout, by an injected clock; status counts it")
    func janitorEndsUnreported() async throws {
        let harness = try await TestGateway.make(["providers.kannel.reportTimeout": "48h"])
        let store = harness.gateway.store
        try await harness.test { api in
            var ids: [String] = []
            for (event, dossier) in [("e1", "000.00.00.H15-241130-0001"), ("e2", "000.00.00.H15-241130-0002")] {
                let accepted = try await api.post("/v1/dossier-events", as: "ingest", json: SampleEvent.make(event, dossier: dossier))
                ids.append(try #require((accepted.results.first?["messageIds"] as? [String])?.first))
            }
            let sentAt = Date()
            let claimed = try await store.claimDue(now: sentAt, limit: 2, leaseOwner: "test", leaseSeconds: 60)
            #expect(claimed.count == 2)
            // One through Kannel (48 h), one through the sandbox (the default 72 h).
            try await store.record(zip(claimed, ["kannel", "sandbox"]).map { claim, provider in
                AttemptOutcome(messageId: claim.message.id, attempt: claim.attempt, provider: provider, result: .sent(providerMessageId: claim.message.id), finishedAt: sentAt)
            })
            #expect(Set(claimed.map(\.message.id)) == Set(ids))
            let (viaKannel, viaSandbox) = (claimed[0].message.id, claimed[1].message.id)

            var logger = Logger(label: "janitor-test")
            logger.logLevel = .critical
            let janitor = Janitor(
                outbox: store, retention: store, retentionPolicy: harness.gateway.configuration.retention,
                reportTimeouts: harness.gateway.configuration.reportTimeouts, logger: logger,
                now: { sentAt.addingTimeInterval(50 * 3600) })
            let running = Task { try await janitor.run() }
            defer { running.cancel() }
            // The first sweep runs at once; wait for its effect (the deadline only guards a hang).
            let deadline = ContinuousClock.now + .seconds(60)
            while try await store.message(id: viaKannel)?.state != .unreported, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(10))
            }
            running.cancel()
            _ = try? await running.value

            let unreported = try #require(try await store.message(id: viaKannel))
            #expect(unreported.state == .unreported)
            #expect(unreported.lastError?.contains("providers.kannel.reportTimeout") == true)
            // Swept in the same statement, but its provider waits 72 h.
            #expect(try await store.message(id: viaSandbox)?.state == .sent)

            let status = try await api.request(.get, "/v1/status", as: "operator")
            let byState = status.json["messagesByState"] as? [String: Int] ?? [:]
            #expect(byState["unreported"] == 1)
            #expect(byState["sent"] == 1)
            let view = try await api.request(.get, "/v1/messages/\(viaKannel)", as: "operator")
            #expect(view.messages.first?["state"] as? String == "unreported")
        }
    }
}
