import Foundation
import LoaSMPP
import LoaTestSupport
import NIOCore
import Testing

/// The codec against an independent SMPP implementation: smpplib (PyPI) in `.venv-peers`.
@Suite("SMPP codec cross-checked with smpplib",
       .enabled(if: Peers.isCI || Peers.smpplibPython != nil, "no .venv-peers with smpplib (run scripts/test to create it); skipping the smpplib cross-check"))
struct SMPPLibCrossCheckTests {
    /// Reads PDUs (hex, one per line) with smpplib and prints their fields as JSON; then encodes
    /// one submit_sm of its own.
    static let script = #"""
    import sys, json, binascii, smpplib.smpp
    class Client:
        def next_sequence(self): return 7
    out = []
    for line in sys.stdin.read().split():
        pdu = smpplib.smpp.parse_pdu(binascii.unhexlify(line), client=Client())
        fields = {"command": pdu.command, "sequence": pdu.sequence}
        for name in ["source_addr_ton", "source_addr", "destination_addr", "esm_class", "data_coding", "registered_delivery", "system_id", "password"]:
            value = getattr(pdu, name, None)
            if value is not None:
                fields[name] = value.decode() if isinstance(value, bytes) else value
        message = getattr(pdu, "short_message", None)
        if message is not None:
            fields["short_message"] = binascii.hexlify(message).decode()
        out.append(fields)
    made = smpplib.smpp.make_pdu("submit_sm", client=Client(), source_addr_ton=5, source_addr="UBND-XA", dest_addr_ton=1,
        dest_addr_npi=1, destination_addr="84912345678", short_message=b"\x05\x00\x03\x07\x02\x01\x00H",
        data_coding=8, esm_class=0x40, registered_delivery=1)
    print(json.dumps({"parsed": out, "made": binascii.hexlify(made.generate()).decode()}))
    """#

    struct Answer: Decodable {
        struct Fields: Decodable {
            var command: String
            var sequence: Int
            var source_addr_ton: Int?
            var source_addr: String?
            var destination_addr: String?
            var esm_class: Int?
            var data_coding: Int?
            var registered_delivery: Int?
            var system_id: String?
            var password: String?
            var short_message: String?
        }
        var parsed: [Fields]
        var made: String
    }

    static func hex(_ pdu: SMPPPDU) -> String {
        var buffer = ByteBuffer()
        pdu.write(to: &buffer)
        return buffer.readableBytesView.map { String(format: "%02x", $0) }.joined()
    }

    @Test("smpplib reads what Loa writes, and Loa reads what smpplib writes")
    func bothWays() async throws {
        let python = try #require(Peers.smpplibPython, "CI=true requires .venv-peers/bin/python with smpplib")
        var message = SMPPShortMessage()
        message.sourceTON = 5
        message.source = "UBND-XA"
        message.destinationTON = 1
        message.destinationNPI = 1
        message.destination = "84912345678"
        message.esmClass = 0x40
        message.registeredDelivery = 1
        message.dataCoding = 8
        message.shortMessage = [0x05, 0x00, 0x03, 9, 3, 2, 0x1E, 0xE1]
        let pdus = [
            SMPPPDU(command: .bindTransceiver, sequenceNumber: 1, body: .bind(SMPPBind(systemID: "loa", password: "secret", systemType: ""))),
            SMPPPDU(command: .submitSM, sequenceNumber: 2, body: .shortMessage(message)),
            SMPPPDU(command: .enquireLink, sequenceNumber: 3),
        ]
        let output = try await Peers.runCapturing(python, ["-c", Self.script], input: Data(pdus.map(Self.hex).joined(separator: "\n").utf8))
        let answer = try JSONDecoder().decode(Answer.self, from: output)
        #expect(answer.parsed.map(\.command) == ["bind_transceiver", "submit_sm", "enquire_link"])
        #expect(answer.parsed.map(\.sequence) == [1, 2, 3])
        #expect(answer.parsed[0].system_id == "loa")
        #expect(answer.parsed[0].password == "secret")
        let submit = answer.parsed[1]
        #expect(submit.source_addr_ton == 5)
        #expect(submit.source_addr == "UBND-XA")
        #expect(submit.destination_addr == "84912345678")
        #expect(submit.esm_class == 0x40)
        #expect(submit.data_coding == 8)
        #expect(submit.registered_delivery == 1)
        #expect(submit.short_message == "050003090302" + "1ee1")

        var made = ByteBuffer(bytes: stride(from: 0, to: answer.made.count, by: 2).compactMap { offset in
            let start = answer.made.index(answer.made.startIndex, offsetBy: offset)
            return UInt8(answer.made[start..<answer.made.index(start, offsetBy: 2)], radix: 16)
        })
        guard case let .pdu(pdu)? = try SMPPFrameDecoder(maxLength: 4096).nextFrame(&made),
              case let .shortMessage(read) = pdu.body else {
            Issue.record("smpplib's submit_sm did not decode")
            return
        }
        #expect(pdu.command == .submitSM)
        #expect(pdu.sequenceNumber == 7)
        #expect(read.source == "UBND-XA")
        #expect(read.sourceTON == 5)
        #expect(read.destination == "84912345678")
        #expect(read.esmClass == 0x40)
        #expect(read.dataCoding == 8)
        #expect(read.registeredDelivery == 1)
        #expect(read.shortMessage == [0x05, 0x00, 0x03, 0x07, 0x02, 0x01, 0x00, 0x48])
    }
}
