/// Why a request on an SMPP connection got no answer.
public enum SMPPLinkError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No answer within the timeout: the SMSC may or may not have acted on it.
    case timedOut
    /// The connection closed before the answer came: the SMSC may or may not have acted on it.
    case connectionLost(String)
    /// The connection had closed before the request was sent: nothing reached the SMSC.
    case notConnected
    /// The answer came but could not be read.
    case malformedAnswer(SMPPDecodingError)

    public var description: String {
        switch self {
        case .timedOut: "no answer within the timeout"
        case .notConnected: "not connected"
        case let .connectionLost(reason): "connection lost: \(reason)"
        case let .malformedAnswer(error): "unreadable answer: \(error)"
        }
    }
}
