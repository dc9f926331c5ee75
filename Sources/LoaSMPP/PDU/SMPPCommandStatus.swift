/// The `command_status` of an SMPP 3.4 response (section 5.1.3): 0 for success, else the error.
public struct SMPPCommandStatus: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt32

    /// A status as read from the wire.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let ok = SMPPCommandStatus(rawValue: 0x00)
    public static let invalidMessageLength = SMPPCommandStatus(rawValue: 0x01)
    public static let invalidCommandLength = SMPPCommandStatus(rawValue: 0x02)
    public static let invalidCommandID = SMPPCommandStatus(rawValue: 0x03)
    public static let invalidBindStatus = SMPPCommandStatus(rawValue: 0x04)
    public static let alreadyBound = SMPPCommandStatus(rawValue: 0x05)
    public static let systemError = SMPPCommandStatus(rawValue: 0x08)
    public static let invalidSourceAddress = SMPPCommandStatus(rawValue: 0x0A)
    public static let invalidDestinationAddress = SMPPCommandStatus(rawValue: 0x0B)
    public static let bindFailed = SMPPCommandStatus(rawValue: 0x0D)
    public static let invalidPassword = SMPPCommandStatus(rawValue: 0x0E)
    public static let invalidSystemID = SMPPCommandStatus(rawValue: 0x0F)
    public static let messageQueueFull = SMPPCommandStatus(rawValue: 0x14)
    public static let throttled = SMPPCommandStatus(rawValue: 0x58)
    /// ESME_RX_T_APPN: the receiver cannot take the message now; the sender should try again.
    public static let temporaryApplicationError = SMPPCommandStatus(rawValue: 0x64)
    public static let unknownError = SMPPCommandStatus(rawValue: 0xFF)

    /// The SMSC asks the sender to slow down (ESME_RTHROTTLED, ESME_RMSGQFUL): try again after a pause.
    public var asksToSlowDown: Bool { self == .throttled || self == .messageQueueFull }

    /// Whether the same submission may succeed later: slowing down, the SMSC's own system error,
    /// a temporary application error, or a link that was not bound yet. Every other error is
    /// about the message or the account and is permanent.
    public var isTransient: Bool {
        asksToSlowDown || self == .systemError || self == .temporaryApplicationError || self == .invalidBindStatus
    }

    /// The ESME_* name where the specification gives one, else the hexadecimal value.
    public var description: String {
        let name: String? = switch self {
        case .ok: "ESME_ROK"
        case .invalidMessageLength: "ESME_RINVMSGLEN"
        case .invalidCommandLength: "ESME_RINVCMDLEN"
        case .invalidCommandID: "ESME_RINVCMDID"
        case .invalidBindStatus: "ESME_RINVBNDSTS"
        case .alreadyBound: "ESME_RALYBND"
        case .systemError: "ESME_RSYSERR"
        case .invalidSourceAddress: "ESME_RINVSRCADR"
        case .invalidDestinationAddress: "ESME_RINVDSTADR"
        case .bindFailed: "ESME_RBINDFAIL"
        case .invalidPassword: "ESME_RINVPASWD"
        case .invalidSystemID: "ESME_RINVSYSID"
        case .messageQueueFull: "ESME_RMSGQFUL"
        case .throttled: "ESME_RTHROTTLED"
        case .temporaryApplicationError: "ESME_RX_T_APPN"
        case .unknownError: "ESME_RUNKNOWNERR"
        default: nil
        }
        let hex = "0x" + String(rawValue, radix: 16, uppercase: true)
        return name.map { "\($0) (\(hex))" } ?? hex
    }
}
