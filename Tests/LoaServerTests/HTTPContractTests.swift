import Foundation
import Hummingbird
import Testing

/// What the router answers beyond its routes: 405 for a method a path does not take, 429 over
/// a caller's request budget.
@Suite("HTTP contract: 405 and 429")
struct HTTPContractTests {
    @Test("a method a path does not take is 405 with Allow and the JSON error; an unknown path stays 404")
    func methodNotAllowed() async throws {
        try await TestGateway.make().test { api in
            for (method, path, role, allow) in [
                (HTTPRequest.Method.post, "/health", nil, "GET"),
                (.delete, "/health", "operator", "GET"),
                (.get, "/v1/dossier-events", "ingest", "POST"),
                (.put, "/v1/messages/msg_01KB9Q3V8R4Z7M2N6P5T8W0XYZ", "operator", "GET"),
                (.get, "/v1/messages/retry", "operator", "POST"),
                (.delete, "/v1/messages", "officer", "GET"),
                (.put, "/v1/providers/kannel/receipts", nil, "GET, POST"),
                (.patch, "/v1/status", "admin", "GET"),
            ] as [(HTTPRequest.Method, String, String?, String)] {
                let reply = try await api.request(method, path, as: role)
                #expect(reply.status == .methodNotAllowed, "\(method) \(path): \(reply.status)")
                #expect(reply.headers[.allow] == allow, "\(method) \(path)")
                #expect(reply.errorCode == "method_not_allowed", "\(method) \(path)")
            }
            let unknown = try await api.request(.get, "/v1/nothing-here", as: "operator")
            #expect(unknown.status == .notFound)
            #expect(unknown.headers[.allow] == nil)
        }
    }

    @Test("batch actions refuse ids that are empty or not message ids, naming the item; well-formed unknown ids are notFound")
    func batchIdsAreMessageIds() async throws {
        try await TestGateway.make().test { api in
            for (ids, field) in [([""], "ids[0]"), (["msg_01KB9Q3V8R4Z7M2N6P5T8W0XYZ", "nope"], "ids[1]"), (["msg_01kb9q3v8r4z7m2n6p5t8w0xyz"], "ids[0]")] {
                let reply = try await api.post("/v1/messages/cancel", as: "operator", json: ["ids": ids])
                #expect(reply.status == .unprocessableContent, "\(ids)")
                #expect(reply.errorField == field, "\(ids)")
            }
            let unknown = try await api.post("/v1/messages/retry", as: "operator", json: ["ids": ["msg_01KB9Q3V8R4Z7M2N6P5T8W0XYZ"]])
            #expect(unknown.status == .ok)
            #expect((unknown.json["results"] as? [[String: Any]])?.first?["outcome"] as? String == "notFound")
        }
    }

    @Test("HEAD gets 405 without a body (Loa has no HEAD routes)")
    func headHasNoBody() async throws {
        try await TestGateway.make().test { api in
            let reply = try await api.request(.head, "/health")
            #expect(reply.status == .methodNotAllowed)
            #expect(reply.headers[.allow] == "GET")
            #expect(reply.body.isEmpty)
        }
    }

    @Test("a key over its budget gets 429 with Retry-After and the JSON error; other keys go on")
    func perKeyLimit() async throws {
        // A rate so low that nothing refills during the test: exactly the burst is admitted.
        try await TestGateway.make(["server.rateLimit.perKey": "0.001", "server.rateLimit.perKeyBurst": "2"]).test { api in
            for _ in 0..<2 {
                #expect(try await api.request(.get, "/v1/status", as: "operator").status == .ok)
            }
            let limited = try await api.request(.get, "/v1/status", as: "operator")
            #expect(limited.status == .tooManyRequests)
            #expect(limited.errorCode == "rate_limited")
            let retryAfter = try #require(limited.headers[.retryAfter].flatMap { Int($0) })
            #expect(retryAfter >= 1 && retryAfter <= 2000)
            // Another key has a budget of its own.
            #expect(try await api.request(.get, "/v1/status", as: "admin").status == .ok)
        }
    }

    @Test("an ingest batch counts as one request, however many events it holds")
    func batchIsOneRequest() async throws {
        try await TestGateway.make(["server.rateLimit.perKey": "0.001", "server.rateLimit.perKeyBurst": "2"]).test { api in
            for batch in 0..<2 {
                let events = (0..<50).map { SampleEvent.make("limit-\(batch)-\($0)", dossier: "LIMIT-\(batch)-\($0)") }
                let reply = try await api.post("/v1/dossier-events", as: "ingest", json: ["events": events])
                #expect(reply.status == .accepted)
                #expect(reply.results.count == 50)
            }
            let third = try await api.post("/v1/dossier-events", as: "ingest", json: SampleEvent.make("limit-third"))
            #expect(third.status == .tooManyRequests)
            #expect(third.headers[.retryAfter] != nil)
        }
    }

    @Test("requests without a key are limited per client address, apart from keyed ones")
    func perAddressLimit() async throws {
        try await TestGateway.make(["server.rateLimit.perAddress": "0.001", "server.rateLimit.perAddressBurst": "1"]).test { api in
            #expect(try await api.request(.get, "/v1/status").status == .unauthorized)
            let limited = try await api.request(.get, "/v1/status")
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter] != nil)
            #expect(try await api.request(.get, "/v1/status", as: "operator").status == .ok)
            // Liveness checks are never limited.
            #expect(try await api.request(.get, "/health").status == .ok)
        }
    }

    @Test("wrong keys are charged to the client address: 429 once that budget is spent, with no key looked up, valid or not; requests without a key have their own")
    func wrongKeysAreLimitedPerAddress() async throws {
        try await TestGateway.make(["server.rateLimit.perAddress": "0.001", "server.rateLimit.perAddressBurst": "3"]).test { api in
            // A valid key is not charged to the address.
            #expect(try await api.request(.get, "/v1/status", as: "operator").status == .ok)
            for presented in ["loa_guess1", "loa_guess2"] {
                let refused = try await api.request(.get, "/v1/status", as: presented)
                #expect(refused.status == .unauthorized)
                #expect(refused.errorCode == "unauthenticated")
            }
            let malformed = try await api.request(.get, "/v1/status", headers: [.authorization: "Basic bG9hOmxvYQ=="])
            #expect(malformed.status == .unauthorized)
            for presented in ["loa_guess3", "operator"] {
                let limited = try await api.request(.get, "/v1/status", as: presented)
                #expect(limited.status == .tooManyRequests, "\(presented): \(limited.status)")
                #expect(limited.errorCode == "rate_limited")
                #expect(limited.body.contains("client address"))
                #expect(limited.headers[.retryAfter].flatMap { Int($0) } != nil)
            }
            // Requests without a key from the same address are counted apart from refused keys.
            #expect(try await api.request(.get, "/v1/status").status == .unauthorized)
            #expect(try await api.request(.get, "/health").status == .ok)
        }
    }
}
