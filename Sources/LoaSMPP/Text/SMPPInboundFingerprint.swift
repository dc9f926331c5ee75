/// What identifies a mobile-originated deliver_sm when the SMSC sends it again (it got no
/// deliver_sm_resp in time, or the link dropped before it did): SMPP 3.4 gives an MO no
/// message id, and a repeat comes with a new sequence number, so the fingerprint is taken over
/// everything else the message says (addresses, esm_class, data_coding, short_message and the
/// optional parameters). 128 bits of two FNV-1a hashes, in hexadecimal: it holds neither the
/// number nor the text.
///
/// ```swift
/// SMPPInboundFingerprint(message).value   // "3f0c…" (32 hexadecimal digits)
/// ```
struct SMPPInboundFingerprint: Equatable {
    let value: String

    init(_ message: SMPPShortMessage) {
        var low = Hash(seed: 0xCBF2_9CE4_8422_2325)
        var high = Hash(seed: 0x6C62_272E_07BB_0142)
        func add(_ bytes: some Sequence<UInt8>) {
            var count: UInt32 = 0
            for byte in bytes {
                low.add(byte)
                high.add(byte)
                count &+= 1
            }
            // The length after each field, so that fields cannot run into each other.
            for shift in stride(from: 0, to: 32, by: 8) {
                low.add(UInt8(truncatingIfNeeded: count >> shift))
                high.add(UInt8(truncatingIfNeeded: count >> shift))
            }
        }
        add(message.serviceType.utf8)
        add([message.sourceTON, message.sourceNPI])
        add(message.source.utf8)
        add([message.destinationTON, message.destinationNPI])
        add(message.destination.utf8)
        add([message.esmClass, message.protocolID, message.dataCoding])
        add(message.shortMessage)
        for tlv in message.tlvs {
            add([UInt8(tlv.tag >> 8), UInt8(tlv.tag & 0xFF)])
            add(tlv.value)
        }
        value = Self.hex(high.value) + Self.hex(low.value)
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// FNV-1a, 64 bits.
    private struct Hash {
        var value: UInt64
        init(seed: UInt64) { value = seed }
        mutating func add(_ byte: UInt8) {
            value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
    }
}
