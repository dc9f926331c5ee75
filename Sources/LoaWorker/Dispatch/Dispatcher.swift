public import Foundation
public import LoaCore
public import LoaProviders
public import LoaStore
public import Logging
public import ServiceLifecycle

/// Sends due messages: claims a batch under a lease, submits each through the provider,
/// and records every outcome in one transaction.
///
/// Shutdown (SIGTERM/SIGINT through the service group) happens in three steps: stop claiming,
/// let the batch in flight finish within ``DispatchSettings/shutdownGraceSeconds``, then
/// release whatever is still leased. Outcome writes are shielded from cancellation.
///
/// ```swift
/// let dispatcher = Dispatcher(outbox: store, provider: sandbox, retry: .defaults, settings: .init(), logger: logger)
/// let sent = try await dispatcher.dispatchDue()   // one round, as tests drive it
/// ```
public final class Dispatcher: Service {
    let outbox: any Outbox
    let provider: any SMSProvider
    let retry: RetryPolicies
    let quietHours: QuietHours
    let settings: DispatchSettings
    let now: @Sendable () -> Date
    let logger: Logger
    let throttle: ProviderThrottle?
    /// This dispatcher's name on its leases.
    public let leaseOwner: String

    /// Creates a dispatcher sending every message through `provider`.
    public init(
        outbox: any Outbox, provider: any SMSProvider, retry: RetryPolicies, quietHours: QuietHours = .none,
        settings: DispatchSettings, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.quietHours = quietHours
        self.outbox = outbox
        self.provider = provider
        self.retry = retry
        self.settings = settings
        self.logger = logger
        self.now = now
        throttle = settings.ratePerSecond.map(ProviderThrottle.init(ratePerSecond:))
        leaseOwner = OpaqueID.make(prefix: "worker", epochMilliseconds: Date().epochMilliseconds)
    }

    public func run() async throws {
        logger.info("dispatcher started", metadata: ["dispatch.provider": "\(provider.name)", "dispatch.lease_owner": "\(leaseOwner)"])
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let handled: Int
            do {
                handled = try await shielded { try await self.dispatchDue() }
            } catch {
                logger.error("dispatch round failed; retrying", metadata: ["error": "\(error)"])
                handled = 0
            }
            if handled == 0 {
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(self.settings.pollSeconds)) }
            }
        }
        let released = try await shielded { try await self.outbox.releaseLeases(owner: self.leaseOwner, now: self.now()) }
        logger.info("dispatcher stopped", metadata: ["dispatch.released": "\(released)"])
    }

    /// Claims one batch of due messages, submits them, records the outcomes; returns how many.
    @discardableResult
    public func dispatchDue() async throws -> Int {
        let claimed = try await outbox.claimDue(
            now: now(), limit: settings.batchSize, leaseOwner: leaseOwner, leaseSeconds: settings.leaseSeconds)
        guard !claimed.isEmpty else { return 0 }
        let outcomes = await withTaskGroup(of: AttemptOutcome.self, returning: [AttemptOutcome].self) { group in
            var outcomes: [AttemptOutcome] = []
            outcomes.reserveCapacity(claimed.count)
            var next = claimed.makeIterator()
            for _ in 0..<min(settings.concurrency, claimed.count) {
                if let claim = next.next() { group.addTask { await self.submit(claim) } }
            }
            while let outcome = await group.next() {
                outcomes.append(outcome)
                if let claim = next.next() { group.addTask { await self.submit(claim) } }
            }
            return outcomes
        }
        await recordUntilWritten(outcomes)
        return claimed.count
    }

    /// Writes outcomes, retrying while the store refuses (busy, disk full): the messages were
    /// handed to the provider, so losing their outcomes would send them all again.
    func recordUntilWritten(_ outcomes: [AttemptOutcome]) async {
        var delay = 0.05
        while true {
            do {
                try await outbox.record(outcomes)
                return
            } catch {
                logger.error("cannot record outcomes; retrying", metadata: ["error": "\(error)", "outcomes.count": "\(outcomes.count)"])
                try? await Task.sleep(for: .seconds(delay))
                delay = min(delay * 2, 5)
            }
        }
    }

    /// Submits one claimed message and decides what its outcome means.
    func submit(_ claim: ClaimedMessage) async -> AttemptOutcome {
        let message = claim.message
        let startedAt = now()
        var metadata: Logger.Metadata = [
            "message.id": "\(message.id)", "message.attempt": "\(claim.attempt)", "message.kind": "\(message.kind)",
        ]
        if claim.previousAttemptInDoubt {
            logger.warning("resending a message whose previous attempt is in doubt", metadata: metadata)
        }
        await throttle?.acquire()
        guard message.expiresAt > now() else {
            return AttemptOutcome(messageId: message.id, attempt: claim.attempt, provider: provider.name, result: .expired, finishedAt: now())
        }
        let result: AttemptOutcome.Result
        do {
            let recipient = try PhoneNumber(e164: message.recipient)
            metadata["message.to"] = "\(recipient.masked)"
            let providerMessageId = try await provider.submit(SubmitRequest(
                messageId: message.id, to: recipient, text: message.text, encoding: message.encoding, segments: message.segments))
            result = .sent(providerMessageId: providerMessageId)
            logger.debug("message submitted", metadata: metadata)
        } catch let failure as SubmitFailure {
            result = decide(after: failure, attempt: claim.attempt, priority: message.priority)
            metadata["error"] = "\(failure)"
            logger.info("submission failed", metadata: metadata)
        } catch {
            let failure = SubmitFailure.permanent("invalid_recipient", "the stored recipient is not a valid number: \(error)")
            result = .failed(failure: failure, reason: failure.description)
        }
        return AttemptOutcome(messageId: message.id, attempt: claim.attempt, provider: provider.name, result: result, finishedAt: now())
    }

    /// A retry that would fall in quiet hours waits for them to end, as a new message would.
    private func decide(after failure: SubmitFailure, attempt: Int, priority: MessagePriority) -> AttemptOutcome.Result {
        switch retry.policy(for: priority).decide(after: failure, attemptsMade: attempt, randomUnit: Double.random(in: 0..<1)) {
        case .retry(let seconds):
            .retry(failure: failure, retryAt: Date(timeIntervalSince1970: quietHours.sendableTime(
                forEpochSeconds: now().addingTimeInterval(seconds).timeIntervalSince1970, priority: priority)))
        case .giveUp(let reason):
            .failed(failure: failure, reason: reason)
        }
    }

    /// Runs `operation` in its own task so that cancelling the service does not cut a store write short.
    private func shielded<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        try await Task { try await operation() }.value
    }
}
