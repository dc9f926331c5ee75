/// The `command_id` of an SMPP 3.4 PDU (section 5.1.2.1). Responses are their request's id with
/// the top bit set.
public struct SMPPCommandID: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt32

    /// An id as read from the wire.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let genericNack = SMPPCommandID(rawValue: 0x8000_0000)
    public static let bindReceiver = SMPPCommandID(rawValue: 0x0000_0001)
    public static let bindReceiverResp = SMPPCommandID(rawValue: 0x8000_0001)
    public static let bindTransmitter = SMPPCommandID(rawValue: 0x0000_0002)
    public static let bindTransmitterResp = SMPPCommandID(rawValue: 0x8000_0002)
    public static let submitSM = SMPPCommandID(rawValue: 0x0000_0004)
    public static let submitSMResp = SMPPCommandID(rawValue: 0x8000_0004)
    public static let deliverSM = SMPPCommandID(rawValue: 0x0000_0005)
    public static let deliverSMResp = SMPPCommandID(rawValue: 0x8000_0005)
    public static let unbind = SMPPCommandID(rawValue: 0x0000_0006)
    public static let unbindResp = SMPPCommandID(rawValue: 0x8000_0006)
    public static let bindTransceiver = SMPPCommandID(rawValue: 0x0000_0009)
    public static let bindTransceiverResp = SMPPCommandID(rawValue: 0x8000_0009)
    public static let enquireLink = SMPPCommandID(rawValue: 0x0000_0015)
    public static let enquireLinkResp = SMPPCommandID(rawValue: 0x8000_0015)

    /// Whether this is a response (top bit set), which answers a request of the peer's.
    public var isResponse: Bool { rawValue & 0x8000_0000 != 0 }

    /// The response to this request.
    public var response: SMPPCommandID { SMPPCommandID(rawValue: rawValue | 0x8000_0000) }

    public var description: String {
        switch self {
        case .genericNack: "generic_nack"
        case .bindReceiver: "bind_receiver"
        case .bindReceiverResp: "bind_receiver_resp"
        case .bindTransmitter: "bind_transmitter"
        case .bindTransmitterResp: "bind_transmitter_resp"
        case .submitSM: "submit_sm"
        case .submitSMResp: "submit_sm_resp"
        case .deliverSM: "deliver_sm"
        case .deliverSMResp: "deliver_sm_resp"
        case .unbind: "unbind"
        case .unbindResp: "unbind_resp"
        case .bindTransceiver: "bind_transceiver"
        case .bindTransceiverResp: "bind_transceiver_resp"
        case .enquireLink: "enquire_link"
        case .enquireLinkResp: "enquire_link_resp"
        default: "command 0x\(String(rawValue, radix: 16))"
        }
    }
}
