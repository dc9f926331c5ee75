import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// Pushes dossier events into Loa's public API and notes when each message id was answered.
final class LoadClient: Sendable {
    let baseURL: String
    let key: String
    /// When the `202` naming each message id arrived.
    let answeredAt = Mutex([String: ContinuousClock.Instant]())

    init(baseURL: String, key: String) {
        self.baseURL = baseURL
        self.key = key
    }

    /// One `{"events": [...]}` body: events `range` of run `tag`, one message each (a result
    /// ready for pickup), alternating Vietnamese and Mông, each for its own dossier and resident.
    static func batch(_ range: Range<Int>, tag: String) throws -> Data {
        let events: [[String: Any]] = range.map { index in
            [
                "eventId": "\(tag)-\(index)", "source": "loa-bench", "dossierCode": "\(tag.uppercased())-\(index)",
                "procedure": "cccd_issue", "status": "resultReady",
                "occurredAt": ISO8601DateFormatter().string(from: Date()), "dueDate": "2026-12-05", "commune": "na-u",
                "applicant": [
                    "name": "Giàng A Vảng", "phone": String(format: "09%08d", index % 100_000_000),
                    "locale": index % 2 == 0 ? "vi" : "hmn",
                ],
            ]
        }
        return try JSONSerialization.data(withJSONObject: ["events": events])
    }

    /// Posts one body; records the answer time of every message id it names.
    func post(_ body: Data) async throws {
        var request = HTTPClientRequest(url: "\(baseURL)/v1/dossier-events")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(key)")
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let reply = try await response.body.collect(upTo: 16 << 20)
        let now = ContinuousClock.now
        guard response.status == .accepted,
              let json = try JSONSerialization.jsonObject(with: Data(reply.readableBytesView)) as? [String: Any],
              let results = json["results"] as? [[String: Any]] else {
            throw BenchmarkError("ingest answered \(response.status): \(String(buffer: reply))")
        }
        let ids = results.flatMap { $0["messageIds"] as? [String] ?? [] }
        guard ids.count == results.count else { throw BenchmarkError("not every event was accepted with one message: \(results.prefix(3))") }
        answeredAt.withLock { answered in
            for id in ids { answered[id] = now }
        }
    }

    /// Posts `bodies` from `clients` concurrent connections, as fast as Loa answers.
    func pushAll(_ bodies: [Data], clients: Int) async throws {
        let tickets = Tickets()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<clients {
                group.addTask {
                    while true {
                        let index = tickets.take()
                        guard index < bodies.count else { return }
                        try await self.post(bodies[index])
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    /// Posts one of `bodies` every `interval`, on schedule whether or not earlier ones were answered.
    func pace(_ bodies: [Data], every interval: Duration) async throws {
        let clock = ContinuousClock()
        let start = clock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, body) in bodies.enumerated() {
                try await clock.sleep(until: start + interval * index)
                group.addTask { try await self.post(body) }
            }
            try await group.waitForAll()
        }
    }

    /// `GET /v1/status` with an operator key: messages by state.
    static func status(baseURL: String, key: String) async throws -> [String: Int] {
        var request = HTTPClientRequest(url: "\(baseURL)/v1/status")
        request.headers.add(name: "Authorization", value: "Bearer \(key)")
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        let json = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
        return json?["messagesByState"] as? [String: Int] ?? [:]
    }
}
