import Foundation
import LoaCore
import Testing

@Suite("Why a message waits, over HTTP")
struct WaitingRouteTests {
    /// Quiet hours from an hour before to two hours after the current Vietnam hour, so that a
    /// message posted now falls inside them whatever the time of day.
    static func quietHoursAroundNow() -> [String: String] {
        let vietnamHour = Int((Date().timeIntervalSince1970 + Double(QuietHours.vietnamOffsetSeconds)) / 3600) % 24
        func clock(_ hour: Int) -> String { String(format: "%02d:00", (hour + 24) % 24) }
        return ["quietHours.enabled": "true", "quietHours.start": clock(vietnamHour - 1), "quietHours.end": clock(vietnamHour + 2)]
    }

    @Test("a notice posted in quiet hours reads pending with notBefore at their end and waitingFor quietHours; status counts it")
    func quietHoursAreShown() async throws {
        let harness = try await TestGateway.make(Self.quietHoursAroundNow())
        try await harness.test { api in
            let posted = try await api.post("/v1/dossier-events", as: "ingest", json: SampleEvent.make("night"))
            let id = try #require((posted.results.first?["messageIds"] as? [String])?.first)
            let read = try await api.request(.get, "/v1/messages/\(id)", as: "officer")
            let message = try #require(read.messages.first)
            #expect(message["state"] as? String == "pending")
            #expect(message["waitingFor"] as? String == "quietHours")
            let notBefore = try #require((message["notBefore"] as? String).flatMap { try? Date($0, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) })
            #expect(notBefore > Date())
            let vietnamMinute = Int((notBefore.timeIntervalSince1970 + Double(QuietHours.vietnamOffsetSeconds)) / 60) % 1440
            #expect(vietnamMinute % 60 == 0, "quiet hours end on the hour here: \(notBefore)")

            let status = try await api.request(.get, "/v1/status", as: "operator")
            #expect((status.json["waitingFor"] as? [String: Int])?["quietHours"] == 1)
            #expect(status.json["queueDepth"] as? Int == 1)
            #expect(status.json["dueNow"] as? Int == 0)
        }
    }

    @Test("a notice posted outside quiet hours has no waitingFor")
    func dueAtOnce() async throws {
        let harness = try await TestGateway.make()
        try await harness.test { api in
            let posted = try await api.post("/v1/dossier-events", as: "ingest", json: SampleEvent.make("day"))
            let id = try #require((posted.results.first?["messageIds"] as? [String])?.first)
            let message = try #require(try await api.request(.get, "/v1/messages/\(id)", as: "operator").messages.first)
            #expect(message["waitingFor"] == nil)
            #expect(message["notBefore"] is String)
        }
    }
}
