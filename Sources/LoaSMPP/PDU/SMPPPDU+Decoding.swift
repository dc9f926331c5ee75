public import NIOCore

extension SMPPPDU {
    /// Reads one whole PDU whose `command_length` octets are all in `buffer`, consuming them.
    ///
    /// - Throws: ``SMPPDecodingError``; the frame's octets are consumed even then, so the caller
    ///   can answer the header's sequence number (see ``SMPPFrame``) and go on.
    public static func read(frame buffer: inout ByteBuffer) throws(SMPPDecodingError) -> SMPPPDU {
        var reader = SMPPBodyReader(buffer: buffer)
        buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
        let header = try reader.header()
        let command = SMPPCommandID(rawValue: header.command)
        let status = SMPPCommandStatus(rawValue: header.status)
        let body: SMPPBody
        switch command {
        case .bindTransmitter, .bindReceiver, .bindTransceiver:
            body = .bind(try reader.bind())
        case .bindTransmitterResp, .bindReceiverResp, .bindTransceiverResp:
            // An error response may carry no body at all.
            body = reader.isAtEnd ? .empty : .bindResponse(systemID: try reader.cString("system_id"))
        case .submitSM, .deliverSM:
            body = .shortMessage(try reader.shortMessage())
        case .submitSMResp, .deliverSMResp:
            body = reader.isAtEnd ? .empty : .messageID(try reader.cString("message_id"))
        case .enquireLink, .enquireLinkResp, .unbind, .unbindResp, .genericNack:
            body = .empty
        default:
            body = .unsupported
        }
        return SMPPPDU(command: command, status: status, sequenceNumber: header.sequence, body: body)
    }
}
