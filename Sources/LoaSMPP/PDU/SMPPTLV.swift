/// An SMPP optional parameter (TLV, section 5.3): a tag and its raw value.
public struct SMPPTLV: Hashable, Sendable {
    public var tag: UInt16
    public var value: [UInt8]

    /// A parameter with `tag` and raw `value`.
    public init(tag: UInt16, value: [UInt8]) {
        self.tag = tag
        self.value = value
    }

    /// receipted_message_id: the SMSC's id of the message a receipt is about (C-octet string).
    public static let receiptedMessageID: UInt16 = 0x001E
    /// message_state: the state a receipt reports (one octet, section 5.2.28).
    public static let messageState: UInt16 = 0x0427
    /// message_payload: the whole text, in place of short_message.
    public static let messagePayload: UInt16 = 0x0424
    /// sar_msg_ref_num: the reference shared by the parts of a concatenated message.
    public static let sarMessageReference: UInt16 = 0x020C
    /// sar_total_segments: how many parts the message has.
    public static let sarTotalSegments: UInt16 = 0x020E
    /// sar_segment_seqnum: which part this is, from 1.
    public static let sarSegmentNumber: UInt16 = 0x020F

    /// The value read as a C-octet string (up to a terminating NUL, which may be missing), when it is ASCII.
    public var asciiString: String? {
        let bytes = value.prefix { $0 != 0 }
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The value read as a big-endian unsigned integer of 1, 2 or 4 octets.
    public var unsignedInteger: UInt32? {
        guard [1, 2, 4].contains(value.count) else { return nil }
        return value.reduce(0) { ($0 << 8) | UInt32($1) }
    }
}

extension Array where Element == SMPPTLV {
    /// The first parameter with `tag`.
    public func first(tag: UInt16) -> SMPPTLV? { first { $0.tag == tag } }
}
