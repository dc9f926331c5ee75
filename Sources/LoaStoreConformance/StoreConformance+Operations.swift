import Foundation
import LoaCore
import LoaStore
import Testing

/// What operators read: the audit trail, why a pending message waits, and the status summary.
extension StoreConformance {
    static let operationsCases: [StoreConformance] = [
        StoreConformance(name: "audit entries come back newest first, filtered, a page at a time", check: auditEntriesFilterAndPage),
        StoreConformance(name: "audit retention forgets entries before its horizon only", check: auditRetentionForgetsOldEntries),
        StoreConformance(name: "a pending message keeps why it waits: new, daily cap, retry backoff, circuit open", check: waitReasonsAreKept),
        StoreConformance(name: "the status summary counts the queue, what waits and why, and today", check: statusSummaryCounts),
    ]

    static func auditEntriesFilterAndPage(_ store: any Store) async throws {
        let now = Fixtures.now
        let admin = AuditActor(keyId: "key_admin", name: "admin on duty", role: .admin)
        var entries: [AuditEntry] = []
        for index in 0..<5 {
            let action: AuditAction = index.isMultiple(of: 2) ? .messageRetried : .keyRevoked
            let actor: AuditActor = index == 4 ? .commandLine : admin
            let address: String? = index == 4 ? nil : "192.0.2.\(index)"
            let outcome: String? = index == 0 ? "retried msg_new" : nil
            entries.append(AuditEntry(
                at: now.addingTimeInterval(Double(index) * 60), action: action, actor: actor, remoteAddress: address,
                subject: "subject-\(index)", outcome: outcome))
        }
        try await store.recordAudit(entries)
        let all = try await store.auditEntries(AuditQuery(limit: 10))
        #expect(all.map(\.subject) == ["subject-4", "subject-3", "subject-2", "subject-1", "subject-0"])
        #expect(all.last?.actor == admin)
        #expect(all.last?.remoteAddress == "192.0.2.0")
        #expect(all.last?.outcome == "retried msg_new")
        #expect(all.last?.at == now)
        #expect(all.first?.actor.keyId == nil)
        #expect(all.first?.actor.name.hasPrefix("cli:") == true)
        let ids = all.compactMap(\.id)
        #expect(ids.count == 5 && ids == ids.sorted(by: >), "ids increase in recording order")

        let retried = try await store.auditEntries(AuditQuery(action: .messageRetried, limit: 10))
        #expect(retried.map(\.subject) == ["subject-4", "subject-2", "subject-0"])
        let window = try await store.auditEntries(AuditQuery(from: now.addingTimeInterval(60), to: now.addingTimeInterval(180), limit: 10))
        #expect(window.map(\.subject) == ["subject-2", "subject-1"], "from inclusive, to exclusive")
        let firstPage = try await store.auditEntries(AuditQuery(limit: 2))
        #expect(firstPage.map(\.subject) == ["subject-4", "subject-3"])
        let secondPage = try await store.auditEntries(AuditQuery(before: firstPage.last?.id, limit: 2))
        #expect(secondPage.map(\.subject) == ["subject-2", "subject-1"])
    }

    static func auditRetentionForgetsOldEntries(_ store: any Store) async throws {
        let now = Fixtures.now
        try await store.recordAudit((0..<5).map {
            AuditEntry(at: now.addingTimeInterval(Double($0)), action: .keyCreated, actor: .commandLine, remoteAddress: nil, subject: "k\($0)")
        })
        let forgotten = try await store.forgetAllAudit(before: now.addingTimeInterval(3), batchSize: 2)
        #expect(forgotten == 3)
        #expect(try await store.auditEntries(AuditQuery(limit: 10)).map(\.subject) == ["k4", "k3"])
    }

    static func waitReasonsAreKept(_ store: any Store) async throws {
        let now = Fixtures.now
        var night = Fixtures.message(id: "night", notBefore: now.addingTimeInterval(3600))
        night.waitReason = .quietHours
        try await Fixtures.insert(store, [
            night, Fixtures.message(id: "cap1", notBefore: now), Fixtures.message(id: "cap2", notBefore: now.addingTimeInterval(-1)),
            Fixtures.message(id: "flaky", notBefore: now.addingTimeInterval(-2), recipient: "+84987654321"),
            Fixtures.message(id: "open", notBefore: now.addingTimeInterval(-3), recipient: "+84987654322"),
        ])
        #expect(try await store.message(id: "night")?.waitingFor(at: now) == .quietHours)
        #expect(try await store.message(id: "night")?.waitingFor(at: now.addingTimeInterval(3600)) == nil, "no longer waiting once due")

        let rules = ClaimRules(recipientDailyCap: RecipientDailyCap(limit: 1, quietHours: .standard))
        let claimed = try await store.claimDue(now: now, limit: 10, leaseOwner: "w", leaseSeconds: 60, rules: rules)
        #expect(Set(claimed.map(\.message.id)) == ["cap2", "flaky", "open"])
        #expect(try await store.message(id: "cap1")?.waitingFor(at: now) == .dailyCap)

        let attempt = { (id: String) in claimed.first { $0.message.id == id }?.attempt ?? 0 }
        try await store.record([
            AttemptOutcome(
                messageId: "flaky", attempt: attempt("flaky"), provider: "p",
                result: .retry(failure: .transient("throttled", "slow down"), retryAt: now.addingTimeInterval(30)), finishedAt: now,
                waitReason: .providerRateLimit),
            AttemptOutcome(
                messageId: "open", attempt: attempt("open"), provider: "p",
                result: .deferred(until: now.addingTimeInterval(30), reason: "circuitOpen: test"), finishedAt: now),
            AttemptOutcome(
                messageId: "cap2", attempt: attempt("cap2"), provider: "p",
                result: .retry(failure: .transient("timeout", "no answer"), retryAt: now.addingTimeInterval(30)), finishedAt: now),
        ])
        #expect(try await store.message(id: "flaky")?.waitingFor(at: now) == .providerRateLimit)
        #expect(try await store.message(id: "open")?.waitingFor(at: now) == .circuitOpen, "a deferral without a reason is the open circuit")
        #expect(try await store.message(id: "cap2")?.waitingFor(at: now) == .retryBackoff, "a retry without a reason is the backoff")
    }

    static func statusSummaryCounts(_ store: any Store) async throws {
        let now = Date()
        var night = Fixtures.message(id: "night", notBefore: now.addingTimeInterval(3600))
        night.createdAt = now.addingTimeInterval(-120)
        night.waitReason = .quietHours
        var capped = Fixtures.message(id: "capped", notBefore: now.addingTimeInterval(7200))
        capped.waitReason = .dailyCap
        capped.createdAt = now.addingTimeInterval(-60)
        var due = Fixtures.message(id: "due", notBefore: now.addingTimeInterval(-1))
        due.createdAt = now.addingTimeInterval(-30)
        var sent = Fixtures.message(id: "sent", notBefore: now.addingTimeInterval(-1))
        sent.createdAt = now.addingTimeInterval(-10)
        sent.segments = 3
        try await Fixtures.insert(store, [night, capped, due, sent])
        let claimed = try await store.claimDue(now: now, limit: 10, leaseOwner: "w", leaseSeconds: 60)
        #expect(Set(claimed.map(\.message.id)) == ["due", "sent"])
        let sentClaim = try #require(claimed.first { $0.message.id == "sent" })
        try await store.record([AttemptOutcome(messageId: "sent", attempt: sentClaim.attempt, provider: "p", result: .sent(providerMessageId: "p1"), finishedAt: now)])

        let summary = try await store.statusSummary(now: now)
        #expect(summary.messagesByState[.pending] == 2)
        #expect(summary.messagesByState[.sending] == 1)
        #expect(summary.queueDepth == 3)
        #expect(summary.dueNow == 0)
        #expect(summary.waiting == [.quietHours: 1, .dailyCap: 1])
        #expect(summary.oldestWaitingSince.map { abs($0.timeIntervalSince(night.createdAt)) < 0.002 } == true)
        #expect(summary.oldestWaitingAgeSeconds >= 119 && summary.oldestWaitingAgeSeconds <= 121)
        #expect(summary.sentWithoutReport == 1)
        #expect(summary.inDoubtAttempts == 0)
        let midnight = StatusSummary.vietnamMidnight(before: now)
        let todayIds = [night, capped, due, sent].filter { $0.createdAt >= midnight }
        #expect(summary.todayTotal == todayIds.count, "messages created since midnight Vietnam time")
        #expect(summary.segmentsSentToday == (sent.createdAt >= midnight ? 3 : 0))
    }
}
