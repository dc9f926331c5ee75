import LoaCore
import Testing

@Suite("Dossier statuses")
struct DossierStatusTests {
    @Test("every status parses from its number, its English code and its Loa name", arguments: DossierStatus.allCases)
    func spellings(_ status: DossierStatus) {
        #expect(DossierStatus.parse(status.rawValue) == status)
        #expect(DossierStatus.parse(status.externalCode) == status)
        #expect(DossierStatus.parse(status.name) == status)
        #expect(DossierStatus.parse(" \(status.name.uppercased()) ") == status)
        #expect(DossierStatus.parse(String(status.rawValue)) == status)
    }

    @Test("the DVCQG table: numbers and English codes line up")
    func table() {
        let expected: [(Int, String, DossierStatus)] = [
            (1, "receiving", .submitted), (2, "new", .received), (3, "denied", .refusedAtIntake),
            (4, "processing", .processing), (5, "waiting", .supplementRequired), (6, "paying", .paymentRequired),
            (7, "cancelled", .withdrawn), (8, "unresolved", .stopped), (9, "releasing", .resultReady), (10, "done", .returned),
        ]
        for (number, code, status) in expected {
            #expect(DossierStatus.parse(number) == status)
            #expect(DossierStatus.parse(code) == status)
        }
    }

    @Test("anything else is refused", arguments: ["0", "11", "-1", "", "ready", "released", "9.5"])
    func unknown(_ text: String) {
        #expect(DossierStatus.parse(text) == nil)
    }
}

@Suite("Message state machine")
struct MessageStateTests {
    @Test("final states never move, but an unreported message takes a late report")
    func finalStatesStay() {
        for state in MessageState.allCases where state.isFinal && state != .unreported {
            #expect(MessageState.allCases.allSatisfy { !state.canMove(to: $0) }, "\(state)")
        }
        #expect(MessageState.unreported.isFinal)
        #expect(MessageState.allCases.filter { MessageState.unreported.canMove(to: $0) } == [.delivered, .undelivered])
        #expect(MessageState.allCases.filter { $0.canMove(to: .unreported) } == [.sent])
    }

    @Test("the forward path and the retry path are allowed; backwards is not")
    func transitions() {
        #expect(MessageState.pending.canMove(to: .sending))
        #expect(MessageState.sending.canMove(to: .sent))
        #expect(MessageState.sent.canMove(to: .delivered))
        #expect(MessageState.sending.canMove(to: .pending))
        #expect(MessageState.sending.canMove(to: .delivered))
        #expect(!MessageState.sent.canMove(to: .pending))
        #expect(!MessageState.sent.canMove(to: .sending))
        #expect(MessageState.pending.canMove(to: .delivered), "a late report settles a message waiting for a retry")
        #expect(!MessageState.pending.canMove(to: .sent))
        #expect(!MessageState.delivered.canMove(to: .undelivered))
    }
}

@Suite("Retry policy")
struct RetryPolicyTests {
    let policy = RetryPolicy(maxAttempts: 5, initialDelaySeconds: 10, maxDelaySeconds: 60, jitter: 0.2)

    @Test("delays double up to the maximum; jitter stays within its share")
    func backoff() {
        #expect(policy.backoffSeconds(attemptsMade: 1, randomUnit: 0.5) == 10)
        #expect(policy.backoffSeconds(attemptsMade: 2, randomUnit: 0.5) == 20)
        #expect(policy.backoffSeconds(attemptsMade: 3, randomUnit: 0.5) == 40)
        #expect(policy.backoffSeconds(attemptsMade: 4, randomUnit: 0.5) == 60)
        #expect(policy.backoffSeconds(attemptsMade: 50, randomUnit: 0.5) == 60)
        #expect(policy.backoffSeconds(attemptsMade: 1, randomUnit: 0) == 8)
        #expect(policy.backoffSeconds(attemptsMade: 1, randomUnit: 0.999_999) > 11.99)
    }

    @Test("permanent failures and exhausted attempts give up; Retry-After is honoured")
    func decisions() {
        let transient = SubmitFailure.transient("http_503", "busy")
        #expect(policy.decide(after: transient, attemptsMade: 1, randomUnit: 0.5) == .retry(afterSeconds: 10))
        let throttled = SubmitFailure.transient("throttled", "slow down", retryAfterSeconds: 120)
        #expect(policy.decide(after: throttled, attemptsMade: 1, randomUnit: 0.5) == .retry(afterSeconds: 120))
        guard case .giveUp(let reason) = policy.decide(after: transient, attemptsMade: 5, randomUnit: 0.5) else {
            Issue.record("five attempts should exhaust the policy")
            return
        }
        #expect(reason.contains("5 attempts"))
        guard case .giveUp(let permanentReason) = policy.decide(after: .permanent("invalid_number", "no such subscriber"), attemptsMade: 1, randomUnit: 0.5) else {
            Issue.record("a permanent failure should give up at once")
            return
        }
        #expect(permanentReason.contains("invalid_number"))
    }
}

@Suite("Small values")
struct SmallValueTests {
    @Test("rules: the defaults map the five statuses that concern residents")
    func rules() {
        let rules = NotificationRules.defaults
        #expect(rules.kinds(for: .resultReady) == [.resultReady])
        #expect(rules.kinds(for: .received) == [.dossierReceived])
        #expect(rules.kinds(for: .supplementRequired) == [.supplementRequired])
        #expect(rules.kinds(for: .paymentRequired) == [.paymentRequired])
        #expect(rules.kinds(for: .refusedAtIntake) == [.refused])
        #expect(rules.kinds(for: .processing).isEmpty)
        #expect(rules.kinds(for: .returned).isEmpty)
    }

    @Test("roles: admin includes operator, nothing else is shared")
    func roles() {
        #expect(Role.admin.grants(.operator))
        #expect(!Role.admin.grants(.ingest))
        #expect(!Role.operator.grants(.admin))
        #expect(!Role.officer.grants(.operator))
        #expect(Role.ingest.grants(.ingest))
    }

    @Test("calendar days parse yyyy-MM-dd and refuse impossible dates")
    func calendarDays() {
        #expect(CalendarDay(iso8601: "2026-12-05")?.iso8601 == "2026-12-05")
        #expect(CalendarDay(iso8601: "2028-02-29") != nil)
        #expect(CalendarDay(iso8601: "2026-02-29") == nil)
        #expect(CalendarDay(iso8601: "2026-13-01") == nil)
        #expect(CalendarDay(iso8601: "05/12/2026") == nil)
        #expect(CalendarDay(iso8601: "2026-1-5") == nil)
        #expect(CalendarDay(year: 2026, month: 12, day: 5)! < CalendarDay(year: 2027, month: 1, day: 1)!)
    }

    @Test("opaque ids sort by time and do not repeat")
    func opaqueIDs() {
        let early = OpaqueID.make(prefix: "msg", epochMilliseconds: 1_000)
        let late = OpaqueID.make(prefix: "msg", epochMilliseconds: 2_000)
        #expect(early < late)
        #expect(early.hasPrefix("msg_"))
        #expect(early.count == 4 + 26)
        let many = (0..<1000).map { _ in OpaqueID.make(prefix: "k", epochMilliseconds: 5) }
        #expect(Set(many).count == 1000)
    }

    @Test("locales parse their tags only")
    func locales() {
        #expect(MessageLocale.parse("vi") == .vietnamese)
        #expect(MessageLocale.parse(" HMN ") == .hmong)
        #expect(MessageLocale.parse("en") == nil)
        #expect(MessageLocale.parse("hmn-x-chv") == nil)
    }
}

@Suite("Trimming")
struct TrimmingTests {
    @Test("whitespace and newlines go from both ends, ASCII or not; inner spaces and marks stay", arguments: [
        ("Giàng A Vảng", "Giàng A Vảng"),
        ("  Giàng A Vảng\n", "Giàng A Vảng"),
        ("\t0912345678\r\n", "0912345678"),
        ("\u{A0}Vảng\u{2003}", "Vảng"),
        ("ằ ", "ằ"),
        (" ", ""),
        ("", ""),
        ("x", "x"),
    ])
    func trims(text: String, expected: String) {
        #expect(text.trimmingWhitespace() == expected)
    }
}
