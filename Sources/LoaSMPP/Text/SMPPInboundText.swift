/// The text of a mobile-originated deliver_sm.
enum SMPPInboundText {
    /// Decodes `body` by data_coding: 8 UCS-2 big-endian, 0 and 1 GSM-7 (one septet per octet),
    /// 3 Latin-1, anything else read as UTF-8; a leading User Data Header is skipped.
    static func decode(_ body: [UInt8], dataCoding: UInt8, hasHeader: Bool) -> String {
        var octets = body[...]
        if hasHeader, let headerLength = octets.first, Int(headerLength) + 1 <= octets.count {
            octets = octets.dropFirst(Int(headerLength) + 1)
        }
        switch dataCoding {
        case 8:
            var units: [UInt16] = []
            var iterator = octets.makeIterator()
            while let high = iterator.next(), let low = iterator.next() {
                units.append(UInt16(high) << 8 | UInt16(low))
            }
            return String(decoding: units, as: UTF16.self)
        case 0, 1:
            return GSM7Septets.decode(Array(octets))
        case 3:
            return String(String.UnicodeScalarView(octets.map { Unicode.Scalar($0) }))
        default:
            return String(decoding: octets, as: UTF8.self)
        }
    }
}
