public import NIOCore

extension SMPPPDU {
    /// The largest short_message the one-octet sm_length can announce by the specification.
    public static let maxShortMessageLength = 254

    /// Appends the PDU to `buffer`, with its command_length.
    public func write(to buffer: inout ByteBuffer) {
        let start = buffer.writerIndex
        buffer.writeInteger(UInt32(0))
        buffer.writeInteger(command.rawValue)
        buffer.writeInteger(status.rawValue)
        buffer.writeInteger(sequenceNumber)
        switch body {
        case .empty, .unsupported:
            break
        case let .bind(bind):
            buffer.writeCString(bind.systemID)
            buffer.writeCString(bind.password)
            buffer.writeCString(bind.systemType)
            buffer.writeInteger(bind.interfaceVersion)
            buffer.writeInteger(bind.addressTON)
            buffer.writeInteger(bind.addressNPI)
            buffer.writeCString(bind.addressRange)
        case let .bindResponse(systemID):
            buffer.writeCString(systemID)
        case let .messageID(id):
            buffer.writeCString(id)
        case let .shortMessage(message):
            Self.write(message, to: &buffer)
        }
        let length = buffer.writerIndex - start
        buffer.setInteger(UInt32(truncatingIfNeeded: length), at: start)
    }

    private static func write(_ message: SMPPShortMessage, to buffer: inout ByteBuffer) {
        buffer.writeCString(message.serviceType)
        buffer.writeInteger(message.sourceTON)
        buffer.writeInteger(message.sourceNPI)
        buffer.writeCString(message.source)
        buffer.writeInteger(message.destinationTON)
        buffer.writeInteger(message.destinationNPI)
        buffer.writeCString(message.destination)
        buffer.writeInteger(message.esmClass)
        buffer.writeInteger(message.protocolID)
        buffer.writeInteger(message.priority)
        buffer.writeCString(message.scheduleDeliveryTime)
        buffer.writeCString(message.validityPeriod)
        buffer.writeInteger(message.registeredDelivery)
        buffer.writeInteger(message.replaceIfPresent)
        buffer.writeInteger(message.dataCoding)
        buffer.writeInteger(message.defaultMessageID)
        var tlvs = message.tlvs
        if message.shortMessage.count <= maxShortMessageLength {
            buffer.writeInteger(UInt8(truncatingIfNeeded: message.shortMessage.count))
            buffer.writeBytes(message.shortMessage)
        } else {
            // Too long for sm_length: the same octets go as message_payload.
            buffer.writeInteger(UInt8(0))
            tlvs.append(SMPPTLV(tag: SMPPTLV.messagePayload, value: message.shortMessage))
        }
        for tlv in tlvs {
            buffer.writeInteger(tlv.tag)
            buffer.writeInteger(UInt16(truncatingIfNeeded: min(tlv.value.count, Int(UInt16.max))))
            buffer.writeBytes(tlv.value.prefix(Int(UInt16.max)))
        }
    }
}

extension ByteBuffer {
    /// Writes `string`'s UTF-8 octets (up to any NUL in it) and a terminating NUL.
    mutating func writeCString(_ string: String) {
        writeBytes(string.utf8.prefix { $0 != 0 })
        writeInteger(UInt8(0))
    }
}
