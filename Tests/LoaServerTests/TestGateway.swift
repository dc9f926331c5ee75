import Foundation
import Hummingbird
import HummingbirdTesting
import LoaConfig
import LoaCore
import LoaServer
import LoaStore
import Logging
import NIOCore

/// A gateway on a fresh SQLite file in a temporary folder, configured from the repository's own
/// `config/` and `templates/`, with keys for every role.
struct TestGateway {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let gateway: Gateway
    let folder: URL
    let keys: [String: String]

    /// `overrides` are dotted configuration keys, as flags would set them.
    static func make(_ overrides: [String: String] = [:]) async throws -> TestGateway {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loa-server-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let root = repositoryRoot.path
        var flags = [
            "database.path": folder.appendingPathComponent("loa.sqlite").path,
            "catalogs.templates": "\(root)/templates",
            "catalogs.procedures": "\(root)/config/procedures.yaml",
            "catalogs.communes": "\(root)/config/communes.yaml",
            "catalogs.dossierStates": "\(root)/config/dossier-states.yaml",
            "catalogs.ussd": "\(root)/config/ussd.yaml",
            "providers.sandbox.receiptDelay": "1ms",
            "quietHours.enabled": "false",
            // Tests send many messages to one test number; the cap has tests of its own.
            "dispatch.recipientDailyCap": "0",
            "providers.kannel.type": "kannel",
            "providers.kannel.url": "http://127.0.0.1:9/cgi-bin/sendsms",
            "providers.kannel.username": "loa",
            "providers.kannel.password": "secret",
            "providers.kannel.receiptSecret": "test-receipt-secret-of-at-least-32-bytes",
        ]
        flags.merge(overrides) { $1 }
        let configuration = try GatewayConfiguration.load(configPath: "\(root)/config/loa.yaml", environment: [:], flags: flags)
        var logger = Logger(label: "loa-test")
        logger.logLevel = .warning
        let gateway = try await Gateway.prepare(configuration, logger: logger)
        var keys: [String: String] = [:]
        for (label, role, commune) in [
            ("ingest", Role.ingest, nil), ("operator", .operator, nil), ("admin", .admin, nil),
            ("officer", .officer, "na-u"), ("otherOfficer", .officer, "muong-nhe"),
        ] as [(String, Role, String?)] {
            let (key, secret) = APIKeySecret.issue(name: label, role: role, commune: commune, at: Date())
            try await gateway.store.insert(key)
            keys[label] = secret
        }
        return TestGateway(gateway: gateway, folder: folder, keys: keys)
    }

    /// Runs `body` against the router (no sockets), then removes the folder.
    func test(_ body: @Sendable (APIClient) async throws -> Void) async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let keys = keys
        try await gateway.application(runsWorker: false).test(.router) { client in
            try await body(APIClient(client: client, keys: keys))
        }
    }
}

/// A thin client that speaks JSON and picks the key by role label.
struct APIClient: Sendable {
    let client: any TestClientProtocol
    let keys: [String: String]

    struct Reply: Sendable {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let body: String

        /// The body as a JSON object.
        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
        }

        /// `error.field`, `error.code` of an error body.
        var errorField: String? { (json["error"] as? [String: Any])?["field"] as? String }
        var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }

        /// The outcomes of an ingest answer.
        var results: [[String: Any]] { json["results"] as? [[String: Any]] ?? [] }
        /// The messages of a list answer.
        var messages: [[String: Any]] { json["messages"] as? [[String: Any]] ?? [] }
    }

    /// `body` is sent as JSON; `rawBody` as it is, with the content type `headers` give.
    func request(
        _ method: HTTPRequest.Method, _ uri: String, as role: String? = nil, body: String? = nil, headers extra: HTTPFields = [:],
        rawBody: String? = nil
    ) async throws -> Reply {
        var headers = extra
        if let role { headers[.authorization] = "Bearer \(keys[role] ?? role)" }
        if body != nil { headers[.contentType] = "application/json" }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: (body ?? rawBody).map { ByteBuffer(string: $0) })
        return Reply(status: response.status, headers: response.headers, body: String(buffer: response.body))
    }

    func post(_ uri: String, as role: String?, json: Any) async throws -> Reply {
        let data = try JSONSerialization.data(withJSONObject: json)
        return try await request(.post, uri, as: role, body: String(decoding: data, as: UTF8.self))
    }
}

/// Sample events, valid unless changed.
enum SampleEvent {
    static func make(_ id: String, status: Any = 9, locale: String = "vi", phone: String = "0912 345 678",
                     dossier: String = "000.00.00.H15-241130-0001", commune: String = "na-u",
                     occurredAt: String = "2026-11-30T08:15:00+07:00") -> [String: Any] {
        [
            "eventId": id, "source": "dienbien-motcua", "dossierCode": dossier, "procedure": "cccd_issue",
            "status": status, "occurredAt": occurredAt,
            "applicant": ["name": "Giàng A Vảng", "phone": phone, "locale": locale],
            "commune": commune, "dueDate": "2026-12-05",
        ]
    }
}
