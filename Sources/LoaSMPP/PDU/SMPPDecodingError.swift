/// Why bytes from the peer are not a valid PDU. Decoding never traps: every length read from
/// the wire is checked against what is there before it is used.
public enum SMPPDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// command_length is below the header's 16 octets or above the configured maximum; the
    /// stream cannot be re-synchronised, so the connection is dropped.
    case commandLengthOutOfRange(UInt32, maximum: Int)
    /// The body ended inside `field`.
    case truncated(field: String)
    /// The C-octet string `field` has no terminating NUL within the body.
    case unterminated(field: String)
    /// The body has octets after its last field that do not make a TLV.
    case malformedOptionalParameters

    /// The command_status a generic_nack or error response names for this fault.
    public var status: SMPPCommandStatus {
        switch self {
        case .commandLengthOutOfRange: .invalidCommandLength
        case .truncated, .unterminated, .malformedOptionalParameters: .invalidMessageLength
        }
    }

    public var description: String {
        switch self {
        case let .commandLengthOutOfRange(length, maximum): "command_length \(length) outside 16…\(maximum)"
        case let .truncated(field): "body ends inside \(field)"
        case let .unterminated(field): "\(field) has no terminating NUL"
        case .malformedOptionalParameters: "trailing octets are not a TLV"
        }
    }
}
