import Foundation
import LoaCore
import LoaTestSupport
import NIOHTTP1
import Testing

@Suite("GET /metrics")
struct MetricsRouteTests {
    /// Phones, dossier codes and communes of the events the tests send.
    static let events: [(id: String, dossier: String, phone: String, locale: String)] = [
        ("m1", "000.00.00.H15-241130-0101", "0912 345 601", "vi"),
        ("m2", "000.00.00.H15-241130-0102", "0912 345 602", "hmn"),
        ("m3", "000.00.00.H15-241130-0103", "0912 345 603", "vi"),
    ]

    @Test("over loopback HTTP the figures equal what was sent; no label holds a phone, code or id")
    func figuresOverLoopback() async throws {
        // Port 0: a free port of the kernel's choosing, so that tests running at once never meet.
        let harness = try await TestGateway.make(["server.port": "0"])
        defer { try? FileManager.default.removeItem(at: harness.folder) }
        try await LoopbackServer.serving(harness.gateway) { port in
            let base = "http://127.0.0.1:\(port)"
            var ids: [String] = []
            for event in Self.events {
                let body = SampleEvent.make(event.id, locale: event.locale, phone: event.phone, dossier: event.dossier)
                let reply = try await HTTPJSON.send(.POST, base + "/v1/dossier-events", key: harness.keys["ingest"], json: body)
                #expect(reply.status == 202 || reply.status == 200)
                let results = reply.json["results"] as? [[String: Any]] ?? []
                ids += results.flatMap { $0["messageIds"] as? [String] ?? [] }
            }
            #expect(ids.count >= Self.events.count)
            let claimed = try await harness.gateway.dispatcher.dispatchDue()
            #expect(claimed == ids.count)

            // What was sent, read message by message over the API.
            var sent: [[String: Any]] = []
            for id in ids {
                let reply = try await HTTPJSON.send(.GET, base + "/v1/messages/\(id)", key: harness.keys["operator"])
                #expect(reply.status == 200)
                sent += reply.json["messages"] as? [[String: Any]] ?? [reply.json]
            }
            #expect(sent.allSatisfy { $0["state"] as? String == "sent" && $0["provider"] as? String == "sandbox" })

            let scrape = try await HTTPJSON.send(.GET, base + "/metrics")
            #expect(scrape.status == 200)
            #expect(scrape.headers.first(name: "Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
            let metrics = try PrometheusExposition(parsing: scrape.text)

            #expect(metrics.value("loa_messages", ["state": "sent"]) == Double(sent.count))
            #expect(metrics.value("loa_messages", ["state": "pending"]) == 0)
            for kind in Set(sent.compactMap { $0["kind"] as? String }) {
                let count = sent.filter { $0["kind"] as? String == kind }.count
                #expect(metrics.value("loa_messages_by_kind", ["kind": kind, "state": "sent"]) == Double(count))
            }
            for locale in ["vi", "hmn"] {
                let count = sent.filter { $0["locale"] as? String == locale }.count
                #expect(metrics.value("loa_messages_by_locale", ["locale": locale, "state": "sent"]) == Double(count))
            }
            #expect(metrics.value("loa_messages_by_provider", ["provider": "sandbox", "state": "sent"]) == Double(sent.count))
            let segments = sent.reduce(0) { $0 + ($1["segments"] as? Int ?? 0) }
            #expect(segments > 0)
            #expect(metrics.value("loa_segments_sent", ["provider": "sandbox"]) == Double(segments))
            #expect(metrics.value("loa_queue_depth") == 0)
            #expect(metrics.value("loa_oldest_waiting_age_seconds") == 0)
            #expect(metrics.value("loa_attempts_in_doubt") == 0)
            #expect(metrics.value("loa_messages_sent_without_report") == Double(sent.count))
            #expect(metrics.value("loa_provider_circuit_state", ["provider": "sandbox", "state": "closed"]) == 1)
            #expect(metrics.value("loa_provider_circuit_state", ["provider": "sandbox", "state": "open"]) == 0)
            #expect(metrics.types["loa_provider_submission_duration_seconds"] == "histogram")
            #expect(metrics.value("loa_provider_submission_duration_seconds_count", ["provider": "sandbox", "outcome": "accepted"]) == Double(sent.count))
            #expect(metrics.types["http_server_request_duration_seconds"] == "histogram")
            let posted = metrics.samples("http_server_request_duration_seconds_count", matching: ["route": "/v1/dossier-events", "method": "POST"])
            #expect(posted.reduce(0) { $0 + $1.value } == Double(Self.events.count))
            let reads = metrics.samples("http_server_request_duration_seconds_count", matching: ["method": "GET", "status": "200"])
            #expect(reads.contains { $0.labels["route"]?.hasPrefix("/v1/messages/") == true && $0.value == Double(ids.count) })

            // No label value is a phone number, a dossier code or a message id, in any form.
            let forbidden = ids + Self.events.flatMap { event in
                [event.dossier, event.phone, event.phone.replacingOccurrences(of: " ", with: ""),
                 "+84" + event.phone.replacingOccurrences(of: " ", with: "").dropFirst()]
            }
            for sample in metrics.samples {
                for value in sample.labels.values {
                    #expect(!forbidden.contains { value.contains($0) }, "\(sample.name) has the label value \(value)")
                    #expect(!value.contains("msg_"), "\(sample.name) has the label value \(value)")
                    #expect(value.filter(\.isNumber).count < 6 || sample.labels["le"] == value, "\(sample.name): \(value)")
                }
            }
        }
    }

    @Test("metrics.access key: refused without a key, for an officer, and answered for an operator")
    func keyAccess() async throws {
        let harness = try await TestGateway.make(["metrics.access": "key", "server.port": "0"])
        defer { try? FileManager.default.removeItem(at: harness.folder) }
        try await LoopbackServer.serving(harness.gateway) { port in
            let url = "http://127.0.0.1:\(port)/metrics"
            let anonymous = try await HTTPJSON.send(.GET, url)
            #expect(anonymous.status == 401)
            #expect((anonymous.json["error"] as? [String: Any])?["code"] as? String != nil)
            let officer = try await HTTPJSON.send(.GET, url, key: harness.keys["officer"])
            #expect(officer.status == 403)
            let wrong = try await HTTPJSON.send(.GET, url, key: "loa_not-a-key")
            #expect(wrong.status == 401)
            let scrape = try await HTTPJSON.send(.GET, url, key: harness.keys["operator"])
            #expect(scrape.status == 200)
            let metrics = try PrometheusExposition(parsing: scrape.text)
            #expect(metrics.value("loa_queue_depth") == 0)
        }
    }

    @Test("metrics.access loopback: a client not on loopback needs an operator key")
    func loopbackAccessElsewhere() async throws {
        let harness = try await TestGateway.make()
        // The router test client has no peer address: not loopback.
        try await harness.test { api in
            let anonymous = try await api.request(.get, "/metrics")
            #expect(anonymous.status == .unauthorized)
            let admin = try await api.request(.get, "/metrics", as: "admin")
            #expect(admin.status == .ok)
            #expect(admin.body.contains("# TYPE loa_queue_depth gauge"))
        }
    }
}

@Suite("Prometheus text reader")
struct PrometheusExpositionTests {
    static let valid = """
        # HELP loa_queue_depth Messages not yet handed over.
        # TYPE loa_queue_depth gauge
        loa_queue_depth 3
        # TYPE d histogram
        d_bucket{p="a",le="0.1"} 1
        d_bucket{p="a",le="+Inf"} 2
        d_sum{p="a"} 0.35
        d_count{p="a"} 2
        # TYPE e gauge
        e{v="quote \\" and \\\\ and \\n"} 1e3
        """

    @Test("reads values, labels with escapes, types and help")
    func reads() throws {
        let parsed = try PrometheusExposition(parsing: Self.valid)
        #expect(parsed.value("loa_queue_depth") == 3)
        #expect(parsed.help["loa_queue_depth"] == "Messages not yet handed over.")
        #expect(parsed.value("d_count", ["p": "a"]) == 2)
        #expect(parsed.value("e", ["v": "quote \" and \\ and \n"]) == 1000)
    }

    @Test("refuses what a strict reader must", arguments: [
        "loa 1\nloa 2",                                                          // the same series twice
        "a 1\nb 1\na{x=\"y\"} 1",                                                // a family split
        "a{x=\"y} 1",                                                            // unterminated value
        "a{x=\"\\t\"} 1",                                                        // unknown escape
        "a{1x=\"y\"} 1",                                                         // bad label name
        "a one",                                                                 // bad value
        "a 1\n# TYPE a gauge",                                                   // TYPE after samples
        "# TYPE a gauge\n# TYPE a gauge\na 1",                                   // TYPE twice
        "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1",  // falling buckets
        "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 3",       // +Inf differs from count
        "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1",          // no +Inf bucket
    ])
    func refuses(text: String) {
        #expect(throws: PrometheusExposition.ParseError.self) { try PrometheusExposition(parsing: text) }
    }
}
