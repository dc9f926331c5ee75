/// How a ``FakeKannel`` behaves: its `sendsms-user`, the faults it injects, and how it reports.
public struct FakeKannelSettings: Sendable {
    /// The `sendsms-user` credentials it accepts.
    public var username: String
    public var password: String
    /// Which submissions fail, and how; none by default.
    public var faults: FaultMix
    /// How long after accepting a message its delivery report is sent.
    public var receiptDelay: Duration
    /// Delivery reports posted at once.
    public var receiptConcurrency: Int
    /// How long a report that could not be posted (Loa down, or answering 5xx) keeps being retried.
    public var receiptRetryWindow: Duration
    /// Whether accepted messages get delivery reports at all (a benchmark of the sending side
    /// alone turns them off).
    public var sendsReceipts: Bool

    /// Creates settings; the defaults answer every submission at once and report delivery at once.
    public init(
        username: String = "loa", password: String = "loa-secret", faults: FaultMix = .none,
        receiptDelay: Duration = .zero, receiptConcurrency: Int = 32, receiptRetryWindow: Duration = .seconds(120),
        sendsReceipts: Bool = true
    ) {
        self.username = username
        self.password = password
        self.faults = faults
        self.receiptDelay = receiptDelay
        self.receiptConcurrency = receiptConcurrency
        self.receiptRetryWindow = receiptRetryWindow
        self.sendsReceipts = sendsReceipts
    }
}

/// The share of submissions that fail, spread evenly over the listed kinds.
public struct FaultMix: Sendable {
    /// Share of submissions (0...1) that meet a fault instead of being accepted.
    public var share: Double
    /// The faults drawn from, each equally likely.
    public var kinds: [Fault]

    /// Creates a mix; `kinds` must not be empty when `share` is above zero.
    public init(share: Double, kinds: [Fault]) {
        precondition(share == 0 || !kinds.isEmpty, "a fault share needs at least one kind of fault")
        self.share = share
        self.kinds = kinds
    }

    /// Every submission is accepted.
    public static let none = FaultMix(share: 0, kinds: [])

    /// `share` of submissions fail, evenly as 503, a hang past the client's timeout, a reset
    /// connection, and 429 with `Retry-After`.
    public static func everyKind(share: Double, hangFor: Duration = .seconds(5), retryAfterSeconds: Int = 1) -> FaultMix {
        FaultMix(share: share, kinds: [.unavailable, .hang(hangFor), .reset, .throttled(retryAfterSeconds: retryAfterSeconds)])
    }
}

/// One way a submission fails before the message is accepted. None of them accepts the
/// message, so a client that sends again after any of them does not make a duplicate.
public enum Fault: Sendable, Hashable, CustomStringConvertible {
    /// `503 Service Unavailable`.
    case unavailable
    /// No answer at all; the connection is closed after the given time.
    case hang(Duration)
    /// The connection is reset (TCP RST) instead of answered.
    case reset
    /// `429 Too Many Requests` with `Retry-After`, as a rate-limiting proxy in front of Kannel answers.
    case throttled(retryAfterSeconds: Int)

    public var description: String {
        switch self {
        case .unavailable: "503"
        case .hang: "hang"
        case .reset: "reset"
        case .throttled: "429"
        }
    }
}

/// How a ``FakeKannel`` answers from now on (``FakeKannel/answer(_:)``), for a test that plays
/// one case at a time.
public enum FakeKannelAnswer: Sendable, Equatable {
    /// As its settings say: accept, with their fault mix, and report once.
    case asConfigured
    /// Every submission meets `fault`.
    case fault(Fault)
    /// Refuse every recipient as smsbox does those of a denied prefix: `403 Number(s)
    /// has/have been denied.`
    case denyRecipients
    /// Accept, and call the `dlr-url` (and have it answered) before answering `202`.
    case receiptBeforeAnswer
    /// Accept, and call the `dlr-url` twice with the same report.
    case duplicateReceipt
}
