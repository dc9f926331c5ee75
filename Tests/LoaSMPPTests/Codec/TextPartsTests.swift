import LoaCore
@testable import LoaSMPP
import Testing

@Suite("SMPP text parts")
struct TextPartsTests {
    /// Three UCS-2 parts by LoaCore's count (67 UTF-16 units each at most).
    static let vietnamese = String(repeating: "Hồ sơ của ông/bà đã có kết quả, mời đến nhận tại UBND xã. ", count: 3)

    @Test("a Vietnamese text is cut where LoaCore cut it, UCS-2 big-endian behind a 6-octet UDH")
    func ucs2Parts() {
        let analysis = SMSText.analyse(Self.vietnamese)
        #expect(analysis.encoding == .ucs2)
        #expect(analysis.segments == 3)
        let parts = SMPPTextParts(text: Self.vietnamese, encoding: .ucs2, mode: .udh, reference: 200)
        #expect(parts.dataCoding == 8)
        #expect(parts.esmClass == 0x40)
        #expect(parts.bodies.count == analysis.segments)
        for (index, body) in parts.bodies.enumerated() {
            #expect(Array(body.prefix(6)) == [0x05, 0x00, 0x03, 200, 3, UInt8(index + 1)])
            #expect(body.count - 6 <= 134, "67 UTF-16 units at most")
            let text = SMPPInboundText.decode(body, dataCoding: 8, hasHeader: true)
            #expect(text == analysis.parts[index])
        }
    }

    @Test("GSM-7 goes one septet per octet, unpacked, with the extension table escaped")
    func gsm7() {
        let parts = SMPPTextParts(text: "Loa: {ho so} 10€ @ Ñ", encoding: .gsm7, mode: .udh, reference: 1)
        #expect(parts.dataCoding == 0)
        #expect(parts.esmClass == 0)
        #expect(parts.bodies == [[0x4C, 0x6F, 0x61, 0x3A, 0x20, 0x1B, 0x28, 0x68, 0x6F, 0x20, 0x73, 0x6F, 0x1B, 0x29, 0x20,
                                  0x31, 0x30, 0x1B, 0x65, 0x20, 0x00, 0x20, 0x5D]])
        #expect(GSM7Septets.decode(parts.bodies[0]) == "Loa: {ho so} 10€ @ Ñ")
    }

    @Test("a long GSM-7 text is cut in 153-septet parts")
    func gsm7Parts() {
        let text = String(repeating: "Ho so da co ket qua. ", count: 12)
        let analysis = SMSText.analyse(text)
        let parts = SMPPTextParts(text: text, encoding: .gsm7, mode: .udh, reference: 9)
        #expect(parts.bodies.count == analysis.segments)
        #expect(parts.bodies.allSatisfy { $0.count - 6 <= 153 })
        #expect(parts.bodies.map { GSM7Septets.decode(Array($0.dropFirst(6))) }.joined() == text)
    }

    @Test("payload mode sends the whole text once, in message_payload")
    func payload() {
        let parts = SMPPTextParts(text: Self.vietnamese, encoding: .ucs2, mode: .payload, reference: 3)
        #expect(parts.inPayload)
        #expect(parts.esmClass == 0)
        #expect(parts.bodies == [SMPPTextParts.ucs2(Self.vietnamese)])
    }

    @Test("source addresses: brandname alphanumeric, + international, short code")
    func addresses() {
        #expect(SMPPAddress.source("UBND-XA") == SMPPAddress(ton: 5, npi: 0, address: "UBND-XA"))
        #expect(SMPPAddress.source("+84912345678") == SMPPAddress(ton: 1, npi: 1, address: "84912345678"))
        #expect(SMPPAddress.source("8088") == SMPPAddress(ton: 3, npi: 0, address: "8088"))
        #expect(SMPPAddress.destination(e164: "+84912345678") == SMPPAddress(ton: 1, npi: 1, address: "84912345678"))
    }
}
