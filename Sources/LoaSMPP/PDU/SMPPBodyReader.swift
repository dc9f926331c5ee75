import NIOCore

/// Reads the fields of one PDU frame; every read checks that its octets are there.
struct SMPPBodyReader {
    private var buffer: ByteBuffer

    init(buffer: ByteBuffer) { self.buffer = buffer }

    var isAtEnd: Bool { buffer.readableBytes == 0 }

    mutating func header() throws(SMPPDecodingError) -> (command: UInt32, status: UInt32, sequence: UInt32) {
        _ = try uint32("command_length")
        return (try uint32("command_id"), try uint32("command_status"), try uint32("sequence_number"))
    }

    mutating func uint8(_ field: String) throws(SMPPDecodingError) -> UInt8 {
        guard let value = buffer.readInteger(as: UInt8.self) else { throw .truncated(field: field) }
        return value
    }

    mutating func uint32(_ field: String) throws(SMPPDecodingError) -> UInt32 {
        guard let value = buffer.readInteger(as: UInt32.self) else { throw .truncated(field: field) }
        return value
    }

    mutating func octets(_ count: Int, _ field: String) throws(SMPPDecodingError) -> [UInt8] {
        guard let bytes = buffer.readBytes(length: count) else { throw .truncated(field: field) }
        return bytes
    }

    /// A C-octet string: octets up to a NUL, which is consumed.
    mutating func cString(_ field: String) throws(SMPPDecodingError) -> String {
        let view = buffer.readableBytesView
        guard let end = view.firstIndex(of: 0) else { throw .unterminated(field: field) }
        let length = end - view.startIndex
        let bytes = buffer.readBytes(length: length) ?? []
        buffer.moveReaderIndex(forwardBy: 1)
        return String(decoding: bytes, as: UTF8.self)
    }

    mutating func bind() throws(SMPPDecodingError) -> SMPPBind {
        let systemID = try cString("system_id")
        let password = try cString("password")
        let systemType = try cString("system_type")
        let version = try uint8("interface_version")
        let ton = try uint8("addr_ton")
        let npi = try uint8("addr_npi")
        return SMPPBind(systemID: systemID, password: password, systemType: systemType, interfaceVersion: version,
                        addressTON: ton, addressNPI: npi, addressRange: try cString("address_range"))
    }

    mutating func shortMessage() throws(SMPPDecodingError) -> SMPPShortMessage {
        var message = SMPPShortMessage()
        message.serviceType = try cString("service_type")
        message.sourceTON = try uint8("source_addr_ton")
        message.sourceNPI = try uint8("source_addr_npi")
        message.source = try cString("source_addr")
        message.destinationTON = try uint8("dest_addr_ton")
        message.destinationNPI = try uint8("dest_addr_npi")
        message.destination = try cString("destination_addr")
        message.esmClass = try uint8("esm_class")
        message.protocolID = try uint8("protocol_id")
        message.priority = try uint8("priority_flag")
        message.scheduleDeliveryTime = try cString("schedule_delivery_time")
        message.validityPeriod = try cString("validity_period")
        message.registeredDelivery = try uint8("registered_delivery")
        message.replaceIfPresent = try uint8("replace_if_present_flag")
        message.dataCoding = try uint8("data_coding")
        message.defaultMessageID = try uint8("sm_default_msg_id")
        let length = try uint8("sm_length")
        message.shortMessage = try octets(Int(length), "short_message")
        message.tlvs = try optionalParameters()
        return message
    }

    /// TLVs up to the end of the body.
    mutating func optionalParameters() throws(SMPPDecodingError) -> [SMPPTLV] {
        var parameters: [SMPPTLV] = []
        while buffer.readableBytes > 0 {
            guard let tag = buffer.readInteger(as: UInt16.self), let length = buffer.readInteger(as: UInt16.self),
                  let value = buffer.readBytes(length: Int(length)) else { throw .malformedOptionalParameters }
            parameters.append(SMPPTLV(tag: tag, value: value))
        }
        return parameters
    }
}
