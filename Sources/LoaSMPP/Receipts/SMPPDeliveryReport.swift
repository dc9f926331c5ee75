import Foundation
public import LoaCore

/// A delivery receipt an SMSC sent in a deliver_sm, read from the receipted_message_id and
/// message_state TLVs when present, else from the text form of SMPP 3.4 Appendix B:
/// `id:IIIIIIIIII sub:SSS dlvrd:DDD submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DDDDDDD err:E text:…`.
///
/// ```swift
/// let report = SMPPDeliveryReport(message)   // nil when it names no message id
/// report?.status                              // .delivered for stat:DELIVRD
/// ```
public struct SMPPDeliveryReport: Sendable, Equatable {
    /// The SMSC's id of the message (decimal or hexadecimal, as the SMSC writes it).
    public var messageID: String
    /// In Loa's vocabulary.
    public var status: ReceiptStatus
    /// The SMSC's own words: `stat:… err:…` (and the message_state value when given).
    public var detail: String

    /// Reads the report in `message`; nil when it names no message id.
    public init?(_ message: SMPPShortMessage) {
        let body = message.shortMessage.isEmpty
            ? message.tlvs.first(tag: SMPPTLV.messagePayload)?.value ?? [] : message.shortMessage
        let fields = Self.textFields(String(decoding: body, as: UTF8.self))
        let tlvID = message.tlvs.first(tag: SMPPTLV.receiptedMessageID)?.asciiString.flatMap { $0.isEmpty ? nil : $0 }
        guard let id = tlvID ?? fields["id"], !id.isEmpty else { return nil }
        messageID = id
        let stateValue = message.tlvs.first(tag: SMPPTLV.messageState)?.unsignedInteger
        let stat = fields["stat"]
        status = stateValue.flatMap(Self.status(messageState:)) ?? stat.map(Self.status(stat:)) ?? .unknown
        var words: [String] = []
        if let stat { words.append("stat:\(stat)") }
        if let err = fields["err"] { words.append("err:\(err)") }
        if let stateValue { words.append("message_state:\(stateValue)") }
        detail = words.isEmpty ? "smpp receipt" : words.joined(separator: " ")
    }

    /// The `key:value` fields of the text form before `text:`; keys lowercased, at most 64
    /// characters of value each (the receipt is the SMSC's, not trusted).
    static func textFields(_ text: String) -> [String: String] {
        // One pass over the octets: this runs for every receipt.
        let octets = Array(text.utf8)
        let end = Self.firstTextMarker(in: octets) ?? octets.count
        var fields: [String: String] = [:]
        var wordStart = 0
        while wordStart < end {
            var wordEnd = wordStart
            while wordEnd < end, octets[wordEnd] != UInt8(ascii: " ") { wordEnd += 1 }
            if let colon = octets[wordStart..<wordEnd].firstIndex(of: UInt8(ascii: ":")) {
                let key = String(decoding: octets[wordStart..<colon], as: UTF8.self).lowercased()
                if Self.textKeys.contains(key), fields[key] == nil {
                    fields[key] = String(String(decoding: octets[(colon + 1)..<wordEnd], as: UTF8.self).prefix(64))
                }
            }
            wordStart = wordEnd + 1
        }
        return fields
    }

    private static let textKeys: Set<String> = ["id", "sub", "dlvrd", "stat", "err"]

    /// Where the first `text:` (any case) starts: the free text after it is not read.
    private static func firstTextMarker(in octets: [UInt8]) -> Int? {
        let marker = Array("text:".utf8)
        guard octets.count >= marker.count else { return nil }
        return (0...(octets.count - marker.count)).first { start in
            marker.indices.allSatisfy { offset in
                let octet = octets[start + offset]
                // ASCII letters compare without case.
                return (octet | (octet >= 0x41 && octet <= 0x5A ? 0x20 : 0)) == marker[offset]
            }
        }
    }

    /// Loa's word for a `stat` value.
    public static func status(stat: String) -> ReceiptStatus {
        switch stat.uppercased() {
        case "DELIVRD": .delivered
        case "UNDELIV", "DELETED": .undelivered
        case "EXPIRED": .expired
        case "REJECTD": .rejected
        case "ACCEPTD", "ENROUTE": .accepted
        default: .unknown
        }
    }

    /// Loa's word for a message_state value (section 5.2.28); nil for one the specification
    /// does not define.
    public static func status(messageState: UInt32) -> ReceiptStatus? {
        switch messageState {
        case 1, 6: .accepted // ENROUTE, ACCEPTED
        case 2: .delivered
        case 3: .expired
        case 4, 5: .undelivered // DELETED, UNDELIVERABLE
        case 7: .unknown
        case 8: .rejected
        default: nil
        }
    }
}
