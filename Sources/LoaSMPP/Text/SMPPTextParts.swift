public import LoaCore

/// A message's text as submit_sm bodies: data_coding 0 (GSM-7, one septet per octet) or 8
/// (UCS-2 big-endian); long texts in the parts LoaCore's ``SMSText/analyse(_:)`` cuts (153
/// septets / 67 UTF-16 units each, so the SMSC bills the parts Loa counted), each behind a
/// 6-octet concatenation header, or whole in message_payload.
///
/// ```swift
/// let parts = SMPPTextParts(text: "Hồ sơ …", encoding: .ucs2, mode: .udh, reference: 42)
/// parts.bodies   // one short_message per part, UDH first
/// ```
public struct SMPPTextParts: Sendable, Equatable {
    /// 0 or 8.
    public let dataCoding: UInt8
    /// esm_class bits the submits need (0x40 when the bodies start with a UDH).
    public let esmClass: UInt8
    /// One short_message per submit_sm.
    public let bodies: [[UInt8]]
    /// Whether the one body goes in message_payload rather than short_message.
    public let inPayload: Bool

    /// Cuts `text` for `encoding`; `reference` is the concatenation reference shared by the parts.
    public init(text: String, encoding: SMSEncoding, mode: LongMessageMode, reference: UInt8) {
        dataCoding = encoding == .ucs2 ? 8 : 0
        let analysis = SMSText.analyse(text)
        // Loa charged `analysis.segments`; a text Loa calls GSM-7 is GSM-7 here too.
        let encode: (String) -> [UInt8] = { encoding == .ucs2 ? Self.ucs2($0) : GSM7Septets.encode($0) }
        if analysis.parts.count <= 1 {
            bodies = [encode(text)]
            esmClass = 0
            inPayload = false
        } else if mode == .payload {
            bodies = [encode(text)]
            esmClass = 0
            inPayload = true
        } else {
            let count = UInt8(clamping: analysis.parts.count)
            bodies = analysis.parts.enumerated().map { index, part in
                [0x05, 0x00, 0x03, reference, count, UInt8(clamping: index + 1)] + encode(part)
            }
            esmClass = SMPPShortMessage.userDataHeaderIndicator
            inPayload = false
        }
    }

    /// UTF-16 big-endian octets.
    static func ucs2(_ text: String) -> [UInt8] {
        text.utf16.flatMap { [UInt8(truncatingIfNeeded: $0 >> 8), UInt8(truncatingIfNeeded: $0)] }
    }
}
