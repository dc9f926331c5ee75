public import Foundation
public import LoaCore
public import LoaProviders
public import LoaStore
public import Logging
public import ServiceLifecycle

/// Sends due messages through the providers of each recipient's route, keeping
/// ``DispatchSettings/concurrency`` submissions in flight at all times.
///
/// Messages are claimed in batches under a lease (one transaction per batch) into a small
/// buffer, submitted as slots free up, and their outcomes written with group commit, so one
/// slow submission never holds back the others and the store sees few, large transactions.
/// When nothing is due, the dispatcher sleeps until ingest signals new work or the poll
/// interval passes.
///
/// Shutdown (SIGTERM/SIGINT through the service group): stop claiming, return the buffered
/// (never submitted) messages to `pending`, let in-flight submissions finish and be recorded
/// within ``DispatchSettings/shutdownGraceSeconds``. A submission still unanswered after that
/// is left leased: it may have reached the provider, so its lease lapses into an in-doubt
/// attempt rather than being released as if it had not.
///
/// ```swift
/// let dispatcher = Dispatcher(outbox: store, providers: pool, retry: .defaults, settings: .init(), logger: logger)
/// try await ServiceGroup(configuration: .init(services: [dispatcher], logger: logger)).run()
/// ```
public final class Dispatcher: Service {
    let outbox: any Outbox
    /// The providers, routes, circuits and per-provider limits.
    public let providers: ProviderPool
    /// The template id registered for a kind with a provider (the catalog's `providerTemplateIds`).
    let providerTemplateId: @Sendable (NotificationKind, String) -> String?
    let retry: RetryPolicies
    let quietHours: QuietHours
    let settings: DispatchSettings
    let now: @Sendable () -> Date
    let logger: Logger
    /// Given by ingest when it commits messages, so an idle dispatcher need not wait for the poll.
    public let work: WorkSignal
    /// This dispatcher's name on its leases.
    public let leaseOwner: String
    /// Renews the leases of ``held`` (both drivers can; nil for an outbox that cannot).
    let leases: (any LeaseRenewal)?
    /// What this dispatcher claimed and has not written back or released yet.
    let held = HeldClaims()

    /// Creates a dispatcher sending through `providers`.
    public init(
        outbox: any Outbox, providers: ProviderPool, retry: RetryPolicies, quietHours: QuietHours = .none,
        settings: DispatchSettings, logger: Logger, work: WorkSignal = WorkSignal(),
        providerTemplateId: @escaping @Sendable (NotificationKind, String) -> String? = { _, _ in nil },
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.work = work
        self.quietHours = quietHours
        self.outbox = outbox
        self.leases = outbox as? any LeaseRenewal
        self.providers = providers
        self.providerTemplateId = providerTemplateId
        self.retry = retry
        self.settings = settings
        self.logger = logger
        self.now = now
        leaseOwner = OpaqueID.make(prefix: "worker", epochMilliseconds: Date().epochMilliseconds)
    }

    /// What a child task of the dispatch loop reports.
    private enum Event: Sendable {
        /// A submission ended (its slot is free); its outcome still has to be written.
        case submitted(AttemptOutcome, writes: Bool)
        /// Shutdown came before the message was handed to the provider.
        case unsent(ClaimedMessage)
        /// A batch of outcomes is written.
        case recorded
        /// New work may be due (ingest signalled, the poll interval passed) or shutdown began.
        case wake
        case graceOver
    }

    public func run() async throws {
        logger.info("dispatcher started", metadata: [
            "dispatch.providers": "\(providers.routing.providers.joined(separator: ","))", "dispatch.lease_owner": "\(leaseOwner)",
        ])
        await withTaskGroup(of: Event.self) { group in
            var buffer: ArraySlice<ClaimedMessage> = []
            var unsent: [String] = []
            var inFlight = 0
            // Outcomes wait here while the previous batch is being written, then go as one
            // transaction: group commit without a task or an actor hop per message.
            var toRecord: [AttemptOutcome] = []
            var recording = false
            var sleeping = false
            var nothingDue = false
            // Noticed even while every slot is busy.
            group.addTask {
                try? await gracefulShutdown()
                return .wake
            }
            // Until the loop ends: in-flight submissions keep their leases through the grace period too.
            group.addTask {
                await self.renewHeldLeases()
                return .wake
            }
            func handle(_ event: Event) {
                switch event {
                case .submitted(let outcome, let writes):
                    inFlight -= 1
                    // The slot is free at once; the outcome joins the next batch written.
                    if writes { toRecord.append(outcome) } else { held.letGo([outcome.messageId]) }
                case .unsent(let claim):
                    inFlight -= 1
                    unsent.append(claim.message.id)
                case .recorded: recording = false
                case .wake, .graceOver: break
                }
                if !recording, !toRecord.isEmpty {
                    recording = true
                    let batch = toRecord
                    toRecord = []
                    group.addTask { await self.recordShielded(batch) }
                }
            }
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                // Refill when less than one round of slots is buffered.
                if !nothingDue && buffer.count < min(settings.concurrency, settings.batchSize) {
                    let claimed = await claimLogged(limit: settings.batchSize - buffer.count)
                    buffer += claimed
                    nothingDue = claimed.isEmpty
                }
                while inFlight < settings.concurrency, let claim = buffer.popFirst() {
                    inFlight += 1
                    group.addTask { await self.submitted(claim) }
                }
                if nothingDue && !sleeping {
                    sleeping = true
                    group.addTask {
                        await self.work.wait(timeout: .seconds(self.settings.pollSeconds))
                        return .wake
                    }
                }
                guard let event = await group.next() else { break }
                if case .wake = event, sleeping, !Task.isShuttingDownGracefully { sleeping = false; nothingDue = false }
                handle(event)
            }
            // Stop claiming; what was never handed to the provider goes back at once.
            unsent += buffer.map(\.message.id)
            // Let in-flight submissions finish (and be recorded) within the grace period.
            group.addTask {
                try? await Task.sleep(for: .seconds(self.settings.shutdownGraceSeconds))
                return .graceOver
            }
            while inFlight > 0 || recording, let event = await group.next() {
                if case .graceOver = event {
                    logger.warning("shutdown grace over; submissions still unanswered are left to lapse in doubt", metadata: ["dispatch.in_flight": "\(inFlight)"])
                    break
                }
                handle(event)
            }
            // Outcomes gathered while the last batch was being written (grace over) go too: their
            // messages were handed to the provider.
            if !toRecord.isEmpty {
                let batch = toRecord
                toRecord = []
                group.addTask { await self.recordShielded(batch) }
            }
            group.cancelAll()
            let released = await releaseUntilWritten(unsent)
            held.letGo(unsent)
            logger.info("dispatcher stopped", metadata: ["dispatch.released": "\(released)"])
        }
    }

    /// Returns never-submitted claims to `pending`, retrying a few times if the store refuses;
    /// what cannot be released lapses in doubt later.
    private func releaseUntilWritten(_ ids: [String]) async -> Int {
        guard !ids.isEmpty else { return 0 }
        for attempt in 1...5 {
            do {
                return try await shielded { try await self.outbox.releaseLeases(ids, owner: self.leaseOwner, now: self.now()) }
            } catch {
                logger.error("cannot release unsent claims", metadata: ["error": "\(error)", "attempt": "\(attempt)", "messages.count": "\(ids.count)"])
                try? await Task.sleep(for: .milliseconds(200 * attempt))
            }
        }
        return 0
    }

    /// Claims up to `limit` due messages under this dispatcher's lease.
    func claim(limit: Int) async throws -> [ClaimedMessage] {
        let claimed = try await shielded {
            try await self.outbox.claimDue(
                now: self.now(), limit: limit, leaseOwner: self.leaseOwner, leaseSeconds: self.settings.leaseSeconds,
                rules: self.settings.claimRules)
        }
        held.hold(claimed.map(\.message.id))
        return claimed
    }

    /// A claim whose failure (the store busy or full) is logged and treated as nothing due, so
    /// the dispatcher tries again after the poll interval.
    private func claimLogged(limit: Int) async -> [ClaimedMessage] {
        do {
            return try await claim(limit: limit)
        } catch {
            logger.error("cannot claim due messages; trying again", metadata: ["error": "\(error)"])
            return []
        }
    }

    /// Submits one claimed message. A claim still waiting for its provider's rate or in-flight
    /// limit when shutdown begins is reported unsent (it goes back to `pending`). A submission cut
    /// short by cancellation (shutdown past its grace) writes nothing unless the provider accepted
    /// it: it may have reached the provider, so it lapses in doubt rather than counting as failed.
    private func submitted(_ claim: ClaimedMessage) async -> Event {
        if Task.isShuttingDownGracefully || Task.isCancelled { return .unsent(claim) }
        guard let outcome = await submit(claim) else { return .unsent(claim) }
        if Task.isCancelled, !outcome.result.isSent { return .submitted(outcome, writes: false) }
        return .submitted(outcome, writes: true)
    }

    /// Records in a task of its own, so that cancelling the dispatch loop (grace over) does not
    /// abandon outcomes already known.
    private func recordShielded(_ outcomes: [AttemptOutcome]) async -> Event {
        await Task { await self.recordUntilWritten(outcomes) }.value
        held.letGo(outcomes.map(\.messageId))
        return .recorded
    }

    /// Writes outcomes in one transaction, retrying while the store cannot write (busy, disk
    /// full): the messages were handed to the provider, so losing an outcome would send it again.
    /// If the transaction fails for another reason, each outcome is written alone, and one that
    /// still fails is logged and left to lapse in doubt rather than holding back the others.
    /// During shutdown it gives up after the grace period, leaving the messages to lapse in doubt.
    func recordUntilWritten(_ outcomes: [AttemptOutcome]) async {
        var delay = 0.05
        let started = ContinuousClock.now
        while true {
            do {
                try await outbox.record(outcomes)
                return
            } catch is StoreUnavailableError {
                logger.error("cannot record outcomes now; retrying", metadata: ["outcomes.count": "\(outcomes.count)"])
            } catch {
                guard outcomes.count == 1 else {
                    logger.error("cannot record a batch of outcomes; writing each alone", metadata: ["error": "\(error)", "outcomes.count": "\(outcomes.count)"])
                    for outcome in outcomes { await recordUntilWritten([outcome]) }
                    return
                }
                logger.error("cannot record an outcome; its message will lapse in doubt", metadata: [
                    "error": "\(error)", "message.id": "\(outcomes[0].messageId)",
                ])
                return
            }
            if Task.isShuttingDownGracefully, ContinuousClock.now - started > .seconds(settings.shutdownGraceSeconds) { return }
            guard (try? await Task.sleep(for: .seconds(delay))) != nil else { return }
            delay = min(delay * 2, 5)
        }
    }

    /// Submits one claimed message through the first provider of its route that can take it, and
    /// decides what the outcome means; nil when shutdown came before it was handed over.
    ///
    /// After a transient failure the next attempt fails over to the route's next provider (the
    /// first time at once, when another provider can take it). The previous attempt's provider is where an in-doubt
    /// message goes again (it may deduplicate).
    func submit(_ claim: ClaimedMessage) async -> AttemptOutcome? {
        let message = claim.message
        // Built only when something is logged: most submissions log nothing at info level.
        func metadata(_ extra: Logger.Metadata = [:]) -> Logger.Metadata {
            extra.merging([
                "message.id": "\(message.id)", "message.attempt": "\(claim.attempt)", "message.kind": "\(message.kind)",
            ]) { new, _ in new }
        }
        func outcome(_ provider: String, _ result: AttemptOutcome.Result, waitReason: WaitReason? = nil) -> AttemptOutcome {
            AttemptOutcome(messageId: message.id, attempt: claim.attempt, provider: provider, result: result, finishedAt: now(), waitReason: waitReason)
        }
        if claim.previousAttemptInDoubt {
            logger.warning("resending a message whose previous attempt is in doubt", metadata: metadata())
        }
        let recipient: PhoneNumber
        do {
            recipient = try PhoneNumber(e164: message.recipient)
        } catch {
            let failure = SubmitFailure.permanent("invalid_recipient", "the stored recipient is not a valid number: \(error)")
            return outcome(message.provider ?? "-", .failed(failure: failure, reason: failure.description))
        }
        let routeHead = providers.routing.route(for: recipient).entries.first?.provider ?? "-"
        guard message.expiresAt > now() else { return outcome(message.provider ?? routeHead, .expired) }
        let failedOn = claim.attempt > 1 && !claim.previousAttemptInDoubt ? message.provider : nil
        let candidates = providers.candidates(for: recipient, failedOn: failedOn)
        guard let chosen = providers.reserve(candidates) else {
            let until = providers.nextProbe(for: recipient) ?? now().addingTimeInterval(settings.pollSeconds)
            logger.info("no provider of the route can take the message now; it waits", metadata: metadata(["message.to": "\(recipient.masked)"]))
            return outcome(routeHead, .deferred(
                until: max(until, now()),
                reason: "circuitOpen: every provider of the route failed repeatedly; waiting for the first to be probed again"),
                waitReason: .circuitOpen)
        }
        let request = SubmitRequest(
            messageId: message.id, attempt: claim.attempt, to: recipient, text: message.text, encoding: message.encoding,
            segments: message.segments, sender: providers.sender(of: chosen), kind: message.kind,
            providerTemplateId: providerTemplateId(message.kind, chosen))
        let result: AttemptOutcome.Result
        var waitReason: WaitReason?
        do {
            guard let providerMessageId = try await providers.submit(request, on: chosen, unless: { Task.isShuttingDownGracefully || Task.isCancelled }) else {
                return nil
            }
            result = .sent(providerMessageId: providerMessageId)
            logger.debug("message submitted", metadata: metadata(["message.to": "\(recipient.masked)", "message.provider": "\(chosen)"]))
        } catch {
            // A message's first transient failure fails over at once; later ones wait their
            // backoff, so a route whose providers all fail does not spend every attempt at once.
            let failsOver = error.kind == .transient && candidates.count > 1 && failedOn == nil
            let decided = decide(after: error, attempt: claim.attempt, priority: message.priority, failsOver: failsOver)
            result = decided.result
            waitReason = decided.waitReason
            logger.info("submission failed", metadata: metadata([
                "message.to": "\(recipient.masked)", "message.provider": "\(chosen)", "error": "\(error)",
            ]))
        }
        return outcome(chosen, result, waitReason: waitReason)
    }

    /// A retry that would fall in quiet hours waits for them to end, as a new message would. One
    /// that fails over to another provider goes at once (quiet hours still apply). With a retry
    /// comes what it waits for (``WaitReason/afterFailure(_:backoffEndsAt:sendableAt:)``).
    private func decide(
        after failure: SubmitFailure, attempt: Int, priority: MessagePriority, failsOver: Bool
    ) -> (result: AttemptOutcome.Result, waitReason: WaitReason?) {
        switch retry.policy(for: priority).decide(after: failure, attemptsMade: attempt, randomUnit: Double.random(in: 0..<1)) {
        case .retry(let seconds):
            let backoffEnd = now().addingTimeInterval(failsOver ? 0 : seconds).timeIntervalSince1970
            let sendable = quietHours.sendableTime(forEpochSeconds: backoffEnd, priority: priority)
            return (.retry(failure: failure, retryAt: Date(timeIntervalSince1970: sendable)),
                    WaitReason.afterFailure(failure, backoffEndsAt: backoffEnd, sendableAt: sendable))
        case .giveUp(let reason):
            return (.failed(failure: failure, reason: reason), nil)
        }
    }

    /// Runs `operation` in its own task so that cancelling the service does not cut a store write short.
    private func shielded<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        try await Task { try await operation() }.value
    }
}
