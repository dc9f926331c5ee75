import Foundation
import LoaHTTPClient
import NIOCore
import NIOHTTP1
import Synchronization

/// Pushes dossier events into Loa's public API and notes when each message id was answered.
final class LoadClient: Sendable {
    let key: String
    private let client: KeepAliveHTTPClient
    /// When the `202` naming each message id arrived.
    let answeredAt = Mutex([String: ContinuousClock.Instant]())

    init(baseURL: String, key: String) throws {
        self.key = key
        client = KeepAliveHTTPClient(origin: try HTTPOrigin(baseURL), maxBodyBytes: 16 << 20)
    }

    /// One `{"events": [...]}` body: events `range` of run `tag`, one message each (a result
    /// ready for pickup), alternating Vietnamese and Mông, each for its own dossier and resident.
    static func batch(_ range: Range<Int>, tag: String) throws -> Data {
        let occurredAt = ISO8601DateFormatter().string(from: Date())
        let events: [[String: Any]] = range.map { index in
            [
                "eventId": "\(tag)-\(index)", "source": "loa-bench", "dossierCode": "\(tag.uppercased())-\(index)",
                "procedure": "cccd_issue", "status": "resultReady",
                "occurredAt": occurredAt, "dueDate": "2026-12-05", "commune": "na-u",
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
        let headers: HTTPHeaders = ["Authorization": "Bearer \(key)", "Content-Type": "application/json"]
        let reply = try await client.execute(
            HTTPRequest(method: .POST, target: "/v1/dossier-events", headers: headers, body: ByteBuffer(bytes: body)), timeout: .seconds(60))
        let now = ContinuousClock.now
        guard reply.status == 202, let results = try? JSONDecoder().decode(IngestReply.self, from: Data(reply.body.readableBytesView)).results else {
            throw BenchmarkError("ingest answered \(reply.status): \(reply.text)")
        }
        let ids = results.flatMap { $0.messageIds ?? [] }
        guard ids.count == results.count else { throw BenchmarkError("not every event was accepted with one message: \(results.prefix(3))") }
        answeredAt.withLock { answered in
            for id in ids { answered[id] = now }
        }
    }

    /// Posts `bodies` from `clients` concurrent connections, as fast as Loa answers.
    func pushAll(_ bodies: [Data], clients: Int) async throws {
        try await Tickets.work(through: bodies.count, workers: clients) { index in try await self.post(bodies[index]) }
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

    /// The part of ingest's answer the benchmark reads.
    private struct IngestReply: Decodable {
        struct Result: Decodable { let messageIds: [String]? }
        let results: [Result]
    }

    /// `GET /v1/status` with an operator key: messages by state.
    func status(operatorKey: String) async throws -> [String: Int] {
        let reply = try await client.execute(
            HTTPRequest(target: "/v1/status", headers: ["Authorization": "Bearer \(operatorKey)"]), timeout: .seconds(30))
        let json = try JSONSerialization.jsonObject(with: Data(reply.body.readableBytesView)) as? [String: Any]
        return json?["messagesByState"] as? [String: Int] ?? [:]
    }
}
