/// The body of submit_sm and deliver_sm (sections 4.4 and 4.6), which share their fields.
public struct SMPPShortMessage: Hashable, Sendable {
    public var serviceType: String = ""
    public var sourceTON: UInt8 = 0
    public var sourceNPI: UInt8 = 0
    public var source: String = ""
    public var destinationTON: UInt8 = 0
    public var destinationNPI: UInt8 = 0
    public var destination: String = ""
    /// Message mode and type; 0x40 marks a User Data Header at the start of short_message, bits
    /// 2–5 (mask 0x3C) a delivery receipt in a deliver_sm.
    public var esmClass: UInt8 = 0
    public var protocolID: UInt8 = 0
    public var priority: UInt8 = 0
    public var scheduleDeliveryTime: String = ""
    public var validityPeriod: String = ""
    /// 1 asks for a receipt whatever the outcome.
    public var registeredDelivery: UInt8 = 0
    public var replaceIfPresent: UInt8 = 0
    /// 0 (SMSC default alphabet: GSM-7 here, one septet per octet) or 8 (UCS-2 big-endian).
    public var dataCoding: UInt8 = 0
    public var defaultMessageID: UInt8 = 0
    /// At most 254 octets on the wire; a longer value is sent as message_payload.
    public var shortMessage: [UInt8] = []
    public var tlvs: [SMPPTLV] = []

    /// An empty message; set the fields you need.
    public init() {}

    /// esm_class bits that mark a delivery receipt or another SMSC report (bits 2–5).
    public static let receiptTypeMask: UInt8 = 0x3C
    /// esm_class bit that says short_message starts with a User Data Header.
    public static let userDataHeaderIndicator: UInt8 = 0x40

    /// Whether a deliver_sm is a report (delivery receipt, acknowledgement) rather than a
    /// mobile-originated message.
    public var isReport: Bool { esmClass & Self.receiptTypeMask != 0 }
}
