public import Foundation
public import LoaCore

/// Everything Loa keeps durable, in one driver chosen by configuration.
///
/// The protocol is split by concern so that each service depends on only what it uses; a
/// driver (SQLite today, PostgreSQL later) implements them all and passes the one shared
/// conformance suite in `LoaStoreConformance`.
///
/// ```swift
/// let store = try SQLiteStore(path: "loa.sqlite")
/// try await store.migrate()
/// ```
public protocol Store: EventInbox, Outbox, MessageReading, OperatorActions, KeyStore, InboundStore, ResidentRequests, AppointmentStore, PersonalDataRetention, AuditTrail, QueueStatus, MessageStatistics, MessageFinding, SecretKeeping, WatcherCursors, TextReviewHolds {
    /// Creates or upgrades the schema; run before anything else touches the store.
    func migrate() async throws
}

/// Durable, idempotent intake of dossier events.
public protocol EventInbox: Sendable {
    /// Commits each event with the messages its plan creates, in one transaction for the whole
    /// batch; returns an outcome per event, in order.
    ///
    /// For each event the store checks `(source, eventId)` for a duplicate, reads the dossier's
    /// current snapshot, calls `plan` (a pure function: rules and rendering) and writes the
    /// event, the updated snapshot and the planned messages. A plan that throws
    /// ``IngestRejection`` rejects only its own event. An event about a dossier that belongs to
    /// another commune or source (``DossierSnapshot/ownershipRejection(of:)``) is rejected
    /// before it is planned: it changes neither the dossier nor its messages.
    /// An event that occurred before what the store has forgotten (see
    /// ``PersonalDataRetention``) is rejected with field `occurredAt`.
    func ingest(
        _ events: [DossierEvent],
        plan: @Sendable (DossierEvent, DossierSnapshot?) throws(IngestRejection) -> EventPlan
    ) async throws -> [IngestOutcome]

    /// The inbox record of an accepted event (with the key that sent it), or nil when no event
    /// with that source and id was accepted.
    func inboxRecord(source: String, eventId: String) async throws -> InboxRecord?
}

extension Outbox {
    /// Claims with the default rules: resend in-doubt messages, no daily cap.
    public func claimDue(now: Date, limit: Int, leaseOwner: String, leaseSeconds: Double) async throws -> [ClaimedMessage] {
        try await claimDue(now: now, limit: limit, leaseOwner: leaseOwner, leaseSeconds: leaseSeconds, rules: ClaimRules())
    }

    /// Records one delivery receipt; returns what became of it.
    @discardableResult
    public func record(_ receipt: DeliveryReceipt) async throws -> ReceiptOutcome {
        try await record([receipt])[0]
    }
}

/// The outbox: claiming due messages, recording attempts and receipts.
public protocol Outbox: Sendable {
    /// Atomically claims up to `limit` messages that are due at `now`: pending ones whose
    /// `notBefore` has passed, and sending ones whose lease expired (their open attempt becomes
    /// in doubt). Each claim opens a new attempt and holds a lease until `now + leaseSeconds`.
    ///
    /// `rules` decide on the way: under ``InDoubtPolicy/fail`` a lapsed message ends `failed`
    /// instead of being claimed again; with a ``RecipientDailyCap`` a message over its
    /// recipient's cap for the day gets a later `notBefore` instead of a claim.
    func claimDue(now: Date, limit: Int, leaseOwner: String, leaseSeconds: Double, rules: ClaimRules) async throws -> [ClaimedMessage]

    /// Writes back the outcomes of attempts in one transaction. Outcomes of a claim that is no
    /// longer current (the lease expired and the message was claimed again) are ignored.
    func record(_ outcomes: [AttemptOutcome]) async throws

    /// Records delivery receipts in one transaction; returns, for each in order, what became of
    /// it (see ``ReceiptOutcome``).
    ///
    /// A receipt is matched to its message by ``DeliveryReceipt/messageId`` or else by provider
    /// and provider id, and counts for ``DeliveryReceipt/attempt`` or else the message's current
    /// attempt. One about the current attempt moves the message forward only; one about an
    /// earlier attempt is kept but never applied; one that matches no message yet is kept and
    /// applied when the submit answer naming its provider id is recorded. Each attempt keeps at
    /// most one final and one non-final report; repeats are not stored. The provider's wording
    /// is stored capped and cleaned (``ProviderAnswer/sanitized(_:maxBytes:)``).
    @discardableResult
    func record(_ receipts: [DeliveryReceipt]) async throws -> [ReceiptOutcome]

    /// Ends ``MessageState/unreported`` every `sent` message whose provider's report timeout
    /// has passed at `now` since it was sent; returns how many.
    @discardableResult
    func endUnreported(now: Date, reportTimeouts: ReportTimeouts) async throws -> Int

    /// Ends `expired` every pending message whose validity has run out at `now`; returns how many.
    @discardableResult
    func expireDue(now: Date) async throws -> Int

    /// Returns the given messages, still leased by `leaseOwner` and never submitted, to
    /// `pending` (shutdown); returns how many.
    @discardableResult
    func releaseLeases(_ messageIds: [String], owner: String, now: Date) async throws -> Int

    /// Drops the per-recipient message counts of Vietnam days before `day` (see
    /// ``RecipientDailyCap/vietnamDay(ofEpochSeconds:)``); the daily cap reads only today's.
    /// Returns how many counts were dropped.
    @discardableResult
    func forgetRecipientDays(before day: Int64) async throws -> Int
}

/// Reading messages for officers and operators.
public protocol MessageReading: Sendable {
    func message(id: String) async throws -> StoredMessage?
    /// Messages of one dossier, newest first; limited to `commune` when given.
    func messages(dossierCode: String, commune: String?) async throws -> [StoredMessage]
    /// The attempts of one message, in order.
    func attempts(messageId: String) async throws -> [StoredAttempt]
    /// The delivery reports kept for one message, in the order they came.
    func receipts(messageId: String) async throws -> [StoredReceipt]
    /// How many messages are in each state.
    func countsByState() async throws -> [MessageState: Int]
    /// How many attempts ended in doubt (worker died with the submission unanswered).
    func inDoubtAttemptCount() async throws -> Int
    /// How many attempts are still open (under way, or left by a worker that died).
    func openAttemptCount() async throws -> Int
}

/// What operators may do to messages. Every action moves forward: a retry leaves the failed
/// message as it was and creates a new one (linked by ``StoredMessage/retryOf``).
public protocol OperatorActions: Sendable {
    /// Cancels each message still pending; one being submitted (sending) or already submitted
    /// may be at the provider, so it is not allowed.
    func cancel(ids: [String], reason: String, at: Date) async throws -> [String: MessageActionOutcome]

    /// For each failed, undelivered or expired message, creates a new pending message with the
    /// same recipient and text, due at once (or when `quietHours` end, by its priority) and valid
    /// as long as the original was. Retrying a message whose retry is still unfinished answers
    /// that retry again instead of making another.
    func retry(ids: [String], at: Date, quietHours: QuietHours) async throws -> [String: MessageActionOutcome]
}

/// API keys, stored hashed.
public protocol KeyStore: Sendable {
    func insert(_ key: APIKey) async throws
    /// The unrevoked key whose secret hashes to `secretHash`.
    func activeKey(secretHash: String) async throws -> APIKey?
    func keys() async throws -> [APIKey]
    /// Revokes a key; false when no such unrevoked key exists.
    func revokeKey(id: String, at: Date) async throws -> Bool
}
