import LoaSMPP
import LoaTestSupport
import NIOCore
import Testing

@Suite("SMPP PDU codec")
struct PDUCodecTests {
    static func roundTrip(_ pdu: SMPPPDU) throws -> SMPPPDU {
        var buffer = ByteBuffer()
        pdu.write(to: &buffer)
        let length = buffer.getInteger(at: 0, as: UInt32.self)
        #expect(length.map(Int.init) == buffer.readableBytes)
        guard case let .pdu(decoded)? = try SMPPFrameDecoder(maxLength: 65_536).nextFrame(&buffer) else {
            Issue.record("no PDU decoded from \(buffer)")
            return pdu
        }
        #expect(buffer.readableBytes == 0)
        return decoded
    }

    @Test("every PDU Loa sends or answers reads back the same", arguments: [
        SMPPPDU(command: .bindTransceiver, sequenceNumber: 1, body: .bind(SMPPBind(systemID: "loa", password: "secret", systemType: "VMA"))),
        SMPPPDU(command: .bindTransmitter, sequenceNumber: 2, body: .bind(SMPPBind(systemID: "loa", password: "", systemType: ""))),
        SMPPPDU(command: .bindReceiverResp, status: .ok, sequenceNumber: 3, body: .bindResponse(systemID: "SMSC")),
        SMPPPDU(command: .submitSMResp, sequenceNumber: 4, body: .messageID("661D2F31D9E99")),
        SMPPPDU(command: .deliverSMResp, sequenceNumber: 5, body: .messageID("")),
        SMPPPDU(command: .enquireLink, sequenceNumber: 6),
        SMPPPDU(command: .enquireLinkResp, sequenceNumber: 7),
        SMPPPDU(command: .unbind, sequenceNumber: 8),
        SMPPPDU(command: .unbindResp, sequenceNumber: 9),
        SMPPPDU(command: .genericNack, status: .invalidCommandID, sequenceNumber: 10),
        SMPPPDU(command: .submitSMResp, status: .throttled, sequenceNumber: 0x7FFF_FFFF),
    ])
    func roundTrips(_ pdu: SMPPPDU) throws {
        #expect(try Self.roundTrip(pdu) == pdu)
    }

    @Test("submit_sm and deliver_sm keep every field and TLV")
    func shortMessageRoundTrip() throws {
        var message = SMPPShortMessage()
        message.serviceType = "CMT"
        message.sourceTON = 5
        message.source = "UBND-XA"
        message.destinationTON = 1
        message.destinationNPI = 1
        message.destination = "84912345678"
        message.esmClass = 0x40
        message.registeredDelivery = 1
        message.dataCoding = 8
        message.validityPeriod = "000001000000000R"
        message.shortMessage = [0x05, 0x00, 0x03, 7, 2, 1] + Array("Hồ sơ".utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
        message.tlvs = [SMPPTLV(tag: SMPPTLV.sarMessageReference, value: [0, 7]), SMPPTLV(tag: 0x1403, value: [])]
        for command in [SMPPCommandID.submitSM, .deliverSM] {
            let pdu = SMPPPDU(command: command, sequenceNumber: 42, body: .shortMessage(message))
            #expect(try Self.roundTrip(pdu) == pdu)
        }
    }

    @Test("a short_message over 254 octets travels as message_payload")
    func longBodyBecomesPayload() throws {
        var message = SMPPShortMessage()
        message.shortMessage = Array(repeating: 0x41, count: 300)
        let decoded = try Self.roundTrip(SMPPPDU(command: .submitSM, sequenceNumber: 1, body: .shortMessage(message)))
        guard case let .shortMessage(read) = decoded.body else { Issue.record("not a short message"); return }
        #expect(read.shortMessage.isEmpty)
        #expect(read.tlvs.first(tag: SMPPTLV.messagePayload)?.value == message.shortMessage)
    }

    @Test("the frame decoder waits for a whole PDU and refuses absurd lengths")
    func framing() throws {
        var whole = ByteBuffer()
        SMPPPDU(command: .enquireLink, sequenceNumber: 9).write(to: &whole)
        var partial = ByteBuffer(bytes: whole.readableBytesView.prefix(10))
        let decoder = SMPPFrameDecoder(maxLength: 1024)
        #expect(try decoder.nextFrame(&partial) == nil)
        #expect(partial.readableBytes == 10, "a partial frame is left for more data")
        for length: UInt32 in [0, 15, 1025, 0xFFFF_FFFF] {
            var absurd = ByteBuffer()
            absurd.writeInteger(length)
            absurd.writeBytes([UInt8](repeating: 0, count: 12))
            #expect(throws: SMPPDecodingError.commandLengthOutOfRange(length, maximum: 1024)) { try decoder.nextFrame(&absurd) }
        }
    }

    @Test("a well-framed PDU with a broken body is reported with its sequence number")
    func malformedBody() throws {
        var buffer = ByteBuffer()
        buffer.writeInteger(UInt32(16 + 3))
        buffer.writeInteger(SMPPCommandID.submitSM.rawValue)
        buffer.writeInteger(UInt32(0))
        buffer.writeInteger(UInt32(77))
        buffer.writeBytes([0x41, 0x42, 0x43]) // service_type never terminated
        let frame = try SMPPFrameDecoder(maxLength: 1024).nextFrame(&buffer)
        #expect(frame == .malformed(command: .submitSM, sequenceNumber: 77, error: .unterminated(field: "service_type")))
        #expect(buffer.readableBytes == 0)
    }

    @Test("random bytes never crash the decoder", arguments: 0..<4)
    func randomBytes(seed: Int) throws {
        var generator = SeededGenerator(seed: SeededGenerator.seed(default: 0x5A5A) &+ UInt64(seed))
        for _ in 0..<2_000 {
            let count = Int(generator.next() % 96)
            var bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            // Half the time, a plausible header so bodies are exercised, not only lengths.
            if count >= 16, generator.next() % 2 == 0 {
                bytes.replaceSubrange(0..<4, with: withUnsafeBytes(of: UInt32(count).bigEndian, Array.init))
                let commands: [UInt32] = [1, 2, 4, 5, 9, 0x8000_0004, 0x8000_0009, 0x15]
                let command = commands[Int(generator.next() % UInt64(commands.count))]
                bytes.replaceSubrange(4..<8, with: withUnsafeBytes(of: command.bigEndian, Array.init))
            }
            var buffer = ByteBuffer(bytes: bytes)
            let decoder = SMPPFrameDecoder(maxLength: 4096)
            var frames = 0
            while let frame = try? decoder.nextFrame(&buffer) {
                frames += 1
                if case let .pdu(pdu) = frame {
                    // What decodes must encode again without trapping.
                    var again = ByteBuffer()
                    pdu.write(to: &again)
                    #expect(again.readableBytes >= SMPPPDU.headerLength)
                }
            }
            #expect(frames <= count / SMPPPDU.headerLength + 1)
        }
    }
}
