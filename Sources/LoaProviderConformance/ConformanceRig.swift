public import LoaCore
public import LoaProviders

/// An adapter under test together with its peer (a real one, or an honest stand-in speaking the
/// real protocol), as the conformance suite drives it.
///
/// Each check starts a rig of its own with ``start()`` and stops it after. A case the peer
/// genuinely cannot play is listed in ``unsupported`` with the reason, and is not run.
///
/// ```swift
/// @Test(arguments: ConformanceCase.allCases(except: SandboxRig.unsupported))
/// func conformance(_ check: ConformanceCase) async throws {
///     try await check.run(SandboxRig.self)
/// }
/// ```
public protocol ConformanceRig: Sendable {
    /// The cases this rig's peer cannot play, each with the reason (shown in the suite's name).
    static var unsupported: [ConformanceCase: String] { get }

    /// Starts the peer and the provider, connected: the first submission may go at once.
    static func start() async throws -> Self

    /// The provider under test (read again after ``restartPeer()`` or ``arrange(_:for:)``:
    /// a rig whose peer lives in the provider may hand a new one).
    var provider: any SMSProvider { get }

    /// Where the receipts about submitted messages end: the provider's ``DeliveryReceiptSink``,
    /// or the peer's HTTP callbacks read through the provider's ``ReceiptCallbackParsing``
    /// (``ReceiptEndpoint``).
    var receipts: ReceiptRecorder { get }

    /// Makes the peer answer `answer` to `request` and to the submissions after it, until the
    /// next arrangement; returns the request to submit (a rig may send it to a number its peer
    /// treats that way).
    func arrange(_ answer: PeerAnswer, for request: SubmitRequest) async throws -> SubmitRequest

    /// Waits until the peer has taken at least `count` whole messages (parts joined), then
    /// returns every message it took, oldest first.
    func waitForTaken(_ count: Int) async throws -> [PeerMessage]

    /// Waits until the peer has sent `count` receipts in all and the provider (or Loa's receipt
    /// endpoint) has answered each.
    func waitForReceiptsSent(_ count: Int) async throws

    /// Stops the peer and starts it again where the provider expects it; returns once it takes
    /// submissions again (the provider may still be reconnecting).
    func restartPeer() async throws

    /// Whether the peer may have taken a message whose submission failed so: such a failure
    /// may be followed by a duplicate when the message is submitted again.
    func isInDoubt(_ failure: SubmitFailure) -> Bool

    /// Stops the provider and the peer.
    func stop() async throws
}

extension ConformanceRig {
    /// Without a finer reading, every transient failure may have reached the peer.
    public func isInDoubt(_ failure: SubmitFailure) -> Bool { failure.kind == .transient }
}

/// How a rig makes its peer answer.
public enum PeerAnswer: Sendable, Equatable, CustomStringConvertible {
    /// Take the message and report it delivered afterwards.
    case accept
    /// A refusal worth trying again (the peer busy, down or failing for now).
    case transient
    /// A refusal of the message itself (a number the peer will never deliver to).
    case permanent
    /// The peer asks the sender to slow down and says for how long (or the provider knows).
    case throttled
    /// Take the message, send its delivered receipt, and only then answer the submission.
    case receiptBeforeAnswer
    /// Take the message and send its delivered receipt twice.
    case duplicateReceipt

    public var description: String {
        switch self {
        case .accept: "accept"
        case .transient: "transient refusal"
        case .permanent: "permanent refusal"
        case .throttled: "throttling"
        case .receiptBeforeAnswer: "receipt before the answer"
        case .duplicateReceipt: "receipt sent twice"
        }
    }
}

/// One whole message as the peer took it.
public struct PeerMessage: Sendable, Equatable, CustomStringConvertible {
    /// The recipient as the peer was given it (any of the forms APIs take: `+84…`, `84…`, `0…`).
    public var to: String
    /// The text, parts joined.
    public var text: String

    /// Creates a record.
    public init(to: String, text: String) {
        self.to = to
        self.text = text
    }

    /// Whether this went to `e164` (compared on the last nine digits, which every form keeps).
    public func isAddressed(to e164: String) -> Bool {
        to.filter(\.isNumber).suffix(9) == e164.filter(\.isNumber).suffix(9)
    }

    public var description: String { "\(to): \(text)" }
}
