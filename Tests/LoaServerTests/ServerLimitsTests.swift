import Foundation
import Testing

/// The HTTP server's own limits over real loopback sockets: what a client sees. Every wait is
/// for an event (an answer, a close); the long timeouts are only safety nets.
@Suite("Server limits over loopback")
struct ServerLimitsTests {
    @Test("an idle connection is closed after server.idleTimeout, one that never finishes its request too")
    func idleConnectionsAreClosed() async throws {
        let test = try await TestGateway.make(["server.idleTimeout": "1s", "server.port": "0"])
        defer { try? FileManager.default.removeItem(at: test.folder) }
        try await LoopbackServer.serving(test.gateway) { port in
            let answered = try await RawConnection.open(port: port)
            try await answered.get("/health")
            let stalled = try await RawConnection.open(port: port)
            try await stalled.send("GET /health HTTP/1.1\r\nHost: loc")   // a request never finished
            try await LoopbackServer.within(60, "the server closing idle connections") {
                await answered.waitForClose()
                await stalled.waitForClose()
            }
            // Answered, unless the machine was so busy that a whole idle timeout passed before the
            // server read the request: closed either way, which is what is tested here.
            #expect(answered.text.isEmpty || answered.text.hasPrefix("HTTP/1.1 200"))
            #expect(answered.isClosed)
            #expect(stalled.text.isEmpty)
            #expect(stalled.isClosed)
        }
    }

    @Test("a connection beyond server.maxConnections waits until another closes, then is served")
    func connectionCap() async throws {
        let test = try await TestGateway.make(["server.maxConnections": "2", "server.port": "0", "server.idleTimeout": "10m"])
        defer { try? FileManager.default.removeItem(at: test.folder) }
        try await LoopbackServer.serving(test.gateway) { port in
            // Opened one after the other, each answered before the next connects.
            let first = try await RawConnection.openServed(port: port, "the first answer")
            let second = try await RawConnection.openServed(port: port, "the second answer")

            let third = try await RawConnection.open(port: port)
            try await third.get("/health")
            // The two accepted connections keep being served meanwhile; the third is not.
            for round in 2...4 {
                try await first.get("/health")
                try await second.get("/health")
                try await LoopbackServer.within(60, "answers on the open connections") {
                    await first.waitForHealthAnswers(round)
                    await second.waitForHealthAnswers(round)
                }
            }
            #expect(third.text.isEmpty, "a third connection was served while two were open: \(third.text)")
            #expect(!third.isClosed)

            await first.close()
            try await LoopbackServer.within(60, "the waiting connection to be served") { await third.waitForHealthAnswers(1) }
            #expect(third.text.hasPrefix("HTTP/1.1 200"))
        }
    }

    @Test("header fields over server.maxHeaderBytes get 431 with the JSON error, and the connection closes")
    func oversizedHeaders() async throws {
        let test = try await TestGateway.make(["server.maxHeaderBytes": "2048", "server.port": "0"])
        defer { try? FileManager.default.removeItem(at: test.folder) }
        try await LoopbackServer.serving(test.gateway) { port in
            let fitting = try await RawConnection.open(port: port)
            try await fitting.get("/health", headers: ["X-Padding": String(repeating: "a", count: 1500)])
            try await LoopbackServer.within(60, "the answer to fitting headers") { await fitting.waitForHealthAnswers(1) }
            #expect(fitting.text.hasPrefix("HTTP/1.1 200"))

            let oversized = try await RawConnection.open(port: port)
            try await oversized.get("/health", headers: ["X-Padding": String(repeating: "a", count: 4000)])
            try await LoopbackServer.within(60, "the server closing the oversized request") { await oversized.waitForClose() }
            #expect(oversized.text.hasPrefix("HTTP/1.1 431"), "\(oversized.text)")
            #expect(oversized.text.contains(#""code":"headers_too_large""#))
            #expect(oversized.text.contains("server.maxHeaderBytes"))

            // The URL counts too: a huge request line cannot be buffered without end.
            let longURL = try await RawConnection.open(port: port)
            try await longURL.get("/health?" + String(repeating: "q", count: 4000))
            try await LoopbackServer.within(60, "the server closing the request with a long URL") { await longURL.waitForClose() }
            #expect(longURL.text.hasPrefix("HTTP/1.1 431"), "\(longURL.text)")

            // Many small headers add up the same way.
            let many = try await RawConnection.open(port: port)
            let headers = Dictionary(uniqueKeysWithValues: (0..<90).map { ("X-Field-\($0)", String(repeating: "b", count: 40)) })
            try await many.get("/health", headers: headers)
            try await LoopbackServer.within(60, "the server closing the request with many headers") { await many.waitForClose() }
            #expect(many.text.hasPrefix("HTTP/1.1 431"), "\(many.text)")
        }
    }
}
