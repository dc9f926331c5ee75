public import LoaStore

/// How a ``Dispatcher`` claims and submits.
public struct DispatchSettings: Sendable, Equatable {
    /// Messages claimed per transaction.
    public var batchSize: Int
    /// Submissions in flight at once.
    public var concurrency: Int
    /// How long a claim holds a message.
    public var leaseSeconds: Double
    /// How long an idle dispatcher waits before looking again (unless ingest wakes it sooner).
    public var pollSeconds: Double
    /// How long shutdown lets in-flight submissions finish.
    public var shutdownGraceSeconds: Double
    /// In-doubt policy and per-recipient daily cap, applied as messages are claimed.
    public var claimRules: ClaimRules

    /// Creates settings.
    public init(
        batchSize: Int = 200, concurrency: Int = 64, leaseSeconds: Double = 60, pollSeconds: Double = 0.2,
        shutdownGraceSeconds: Double = 10, claimRules: ClaimRules = ClaimRules()
    ) {
        self.batchSize = batchSize
        self.concurrency = concurrency
        self.leaseSeconds = leaseSeconds
        self.pollSeconds = pollSeconds
        self.shutdownGraceSeconds = shutdownGraceSeconds
        self.claimRules = claimRules
    }
}
