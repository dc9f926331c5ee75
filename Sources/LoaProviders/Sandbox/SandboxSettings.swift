/// How the sandbox provider behaves.
public struct SandboxSettings: Sendable, Equatable {
    /// Seconds between a submission and its `delivered` receipt; 0 reports delivery at once.
    /// Either way the report is durable: one still waiting when the process dies is delivered
    /// after the restart (see ``SandboxReceiptQueue``).
    public var receiptDelaySeconds: Double
    /// Share of submissions (0–1) that fail transiently (as a provider outage would).
    public var transientFailureRate: Double
    /// Share of submissions (0–1) that fail permanently (as a rejected number would).
    public var permanentFailureRate: Double
    /// How many sent messages are kept for `GET /v1/sandbox/messages` (oldest dropped first).
    public var retainedMessages: Int

    /// Creates settings; the defaults deliver everything after two seconds.
    public init(receiptDelaySeconds: Double = 2, transientFailureRate: Double = 0, permanentFailureRate: Double = 0, retainedMessages: Int = 10_000) {
        self.receiptDelaySeconds = receiptDelaySeconds
        self.transientFailureRate = transientFailureRate
        self.permanentFailureRate = permanentFailureRate
        self.retainedMessages = retainedMessages
    }
}
