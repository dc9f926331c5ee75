import Foundation
import Testing

/// One client cannot hold every connection slot: a cap per client address, and a deadline for
/// the first request head. Over real loopback sockets; every wait is for an event (an answer,
/// a close), the 60 s timeouts are only safety nets.
@Suite("Connections per address and the request-head deadline, over loopback")
struct ConnectionsPerAddressTests {
    @Test("beyond server.maxConnectionsPerAddress a connection is closed unanswered; the open ones are served; a closed one frees its slot")
    func perAddressCap() async throws {
        let test = try await TestGateway.make([
            "server.maxConnectionsPerAddress": "2", "server.port": "0", "server.idleTimeout": "10m", "server.headerTimeout": "10m",
        ])
        defer { try? FileManager.default.removeItem(at: test.folder) }
        try await LoopbackServer.serving(test.gateway) { port in
            let first = try await RawConnection.openServed(port: port, "the first answer")
            let second = try await RawConnection.openServed(port: port, "the second answer")

            let third = try await RawConnection.open(port: port)
            try? await third.get("/health")
            try await LoopbackServer.within(60, "the third connection to be closed") { await third.waitForClose() }
            #expect(third.text.isEmpty, "a third connection from the same address was answered: \(third.text)")

            for round in 2...3 {
                try await first.get("/health")
                try await second.get("/health")
                try await LoopbackServer.within(60, "answers on the two open connections") {
                    await first.waitForHealthAnswers(round)
                    await second.waitForHealthAnswers(round)
                }
            }
            #expect(!first.isClosed && !second.isClosed)

            // Once the server has seen the first close, a new connection is served. Until then
            // a new one may still be refused: try again on each refusal (an event, not a timer).
            await first.close()
            let served = try await LoopbackServer.within(60, "a connection to be served after one closed") {
                while true {
                    let next = try await RawConnection.open(port: port)
                    try? await next.get("/health")
                    await next.waitForHealthAnswers(1)
                    if next.text.hasPrefix("HTTP/1.1 200") { return next }
                }
            }
            #expect(served.text.hasPrefix("HTTP/1.1 200"))
        }
    }

    @Test("a connection whose first request head is not complete within server.headerTimeout is closed, long before idleTimeout; answered ones stay")
    func headerDeadline() async throws {
        let test = try await TestGateway.make(["server.headerTimeout": "1s", "server.idleTimeout": "10m", "server.port": "0"])
        defer { try? FileManager.default.removeItem(at: test.folder) }
        try await LoopbackServer.serving(test.gateway) { port in
            // A connection that sends its request in time is answered (on a machine so busy that
            // one second passed before the server read it, it is closed: try another).
            let answered = try await LoopbackServer.within(60, "a connection to be answered") {
                while true {
                    let connection = try await RawConnection.open(port: port)
                    try? await connection.get("/health")
                    await connection.waitForHealthAnswers(1)
                    if connection.text.hasPrefix("HTTP/1.1 200") { return connection }
                }
            }
            let trickling = try await RawConnection.open(port: port)
            try await trickling.send("GET /health HTTP/1.1\r\nHost: loc")
            // Closed by the head deadline: the idle timeout (10 min) is far beyond the safety net.
            try await LoopbackServer.within(60, "the server closing the unfinished request") { await trickling.waitForClose() }
            #expect(trickling.text.isEmpty)

            // The answered connection outlived the deadline and is served again.
            try await answered.get("/health")
            try await LoopbackServer.within(60, "a second answer") { await answered.waitForHealthAnswers(2) }
            #expect(answered.text.components(separatedBy: "HTTP/1.1 200").count == 3)
            #expect(!answered.isClosed)
        }
    }
}
