import LoaCore
import Testing

@Suite("Routes: weighted first choice, failover order, open circuits left out")
struct RouteTests {
    let route = Route([.init(provider: "smpp", weight: 3), .init(provider: "esms", weight: 1), .init(provider: "twilio")])

    @Test("first attempts are shared by weight among the available providers")
    func weightedFirstChoice() {
        var firsts: [String: Int] = [:]
        for step in 0..<500 {
            let draw = Double(step) / 500
            let candidates = route.candidates(draw: draw, failedOn: nil) { _ in true }
            firsts[candidates[0], default: 0] += 1
            #expect(Set(candidates) == ["smpp", "esms", "twilio"], "every provider stays a fallback")
        }
        #expect(firsts == ["smpp": 300, "esms": 100, "twilio": 100])
    }

    @Test("after a transient failure the next provider in route order comes first, the failed one last")
    func failover() {
        #expect(route.candidates(draw: 0, failedOn: "smpp") { _ in true } == ["esms", "twilio", "smpp"])
        #expect(route.candidates(draw: 0, failedOn: "twilio") { _ in true } == ["smpp", "esms", "twilio"])
    }

    @Test("providers whose circuit is open are left out; none available is an empty answer")
    func unavailable() {
        #expect(route.candidates(draw: 0, failedOn: nil) { $0 != "smpp" } == ["esms", "twilio"])
        #expect(route.candidates(draw: 0.99, failedOn: "esms") { $0 != "twilio" } == ["smpp", "esms"])
        #expect(route.candidates(draw: 0.5, failedOn: nil) { _ in false }.isEmpty)
    }

    @Test("a carrier's route applies to its numbers, the default route to the rest")
    func table() throws {
        let table = RoutingTable(byCarrier: [.viettel: Route([.init(provider: "smpp")])], fallback: Route([.init(provider: "esms")]))
        #expect(table.route(for: try PhoneNumber(parsing: "0981234567")).entries.map(\.provider) == ["smpp"])
        #expect(table.route(for: try PhoneNumber(parsing: "0911234567")).entries.map(\.provider) == ["esms"])
        #expect(table.providers == ["esms", "smpp"])
    }
}

@Suite("Circuit breaker: opens after repeated failures, probes once, closes on success")
struct CircuitBreakerTests {
    @Test("threshold transient failures in a row open it; a success in between resets the count")
    func opens() {
        var breaker = CircuitBreaker(threshold: 3, coolDownSeconds: 30)
        breaker.recordFailure(at: 0)
        breaker.recordFailure(at: 1)
        breaker.recordSuccess()
        breaker.recordFailure(at: 2)
        breaker.recordFailure(at: 3)
        #expect(breaker.state == .closed)
        breaker.recordFailure(at: 4)
        #expect(breaker.state == .open)
        #expect(breaker.probeAt == 34)
        #expect(!breaker.isAvailable(at: 33.9))
        let allowed1 = breaker.allowsAttempt(at: 33.9)
        #expect(!allowed1)
    }

    @Test("after the cool-down one probe goes through; others wait for its answer")
    func halfOpen() {
        var breaker = CircuitBreaker(threshold: 1, coolDownSeconds: 10)
        breaker.recordFailure(at: 100)
        #expect(breaker.isAvailable(at: 110))
        let allowed2 = breaker.allowsAttempt(at: 110)
        #expect(allowed2)
        #expect(breaker.state == .halfOpen)
        let allowed3 = breaker.allowsAttempt(at: 111)
        #expect(!allowed3, "only one probe at a time")
        breaker.recordSuccess()
        #expect(breaker.state == .closed)
        let allowed4 = breaker.allowsAttempt(at: 111)
        #expect(allowed4)
    }

    @Test("a failed probe opens it again for another cool-down")
    func failedProbe() {
        var breaker = CircuitBreaker(threshold: 5, coolDownSeconds: 10)
        for second in 0..<5 { breaker.recordFailure(at: Double(second)) }
        let allowed5 = breaker.allowsAttempt(at: 20)
        #expect(allowed5)
        breaker.recordFailure(at: 20)
        #expect(breaker.state == .open)
        #expect(breaker.probeAt == 30)
    }
}
