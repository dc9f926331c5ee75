public import NIOCore

/// Splits the byte stream into PDU frames by `command_length` (SwiftNIO `ByteToMessageDecoder`).
///
/// A length below the 16-octet header or above `maxLength` is not waited for: it throws
/// ``SMPPDecodingError/commandLengthOutOfRange(_:maximum:)``, and the connection is dropped
/// (the stream cannot be re-synchronised). A frame whose body does not decode is passed on
/// as ``SMPPFrame/malformed(command:sequenceNumber:error:)``.
public struct SMPPFrameDecoder: ByteToMessageDecoder {
    public typealias InboundOut = SMPPFrame

    /// The largest command_length accepted.
    public let maxLength: Int

    /// A decoder that accepts PDUs of up to `maxLength` octets.
    public init(maxLength: Int) {
        self.maxLength = max(SMPPPDU.headerLength, maxLength)
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let frame = try nextFrame(&buffer) else { return .needMoreData }
        context.fireChannelRead(wrapInboundOut(frame))
        return .continue
    }

    public mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        // A partial frame left when the peer closes is dropped.
        while let frame = try nextFrame(&buffer) {
            context.fireChannelRead(wrapInboundOut(frame))
        }
        return .needMoreData
    }

    /// The next whole frame of `buffer`, consumed; nil until all its octets are there.
    public func nextFrame(_ buffer: inout ByteBuffer) throws(SMPPDecodingError) -> SMPPFrame? {
        guard let length = buffer.getInteger(at: buffer.readerIndex, as: UInt32.self) else { return nil }
        guard length >= UInt32(SMPPPDU.headerLength), length <= UInt32(maxLength) else {
            throw .commandLengthOutOfRange(length, maximum: maxLength)
        }
        guard var frame = buffer.readSlice(length: Int(length)) else { return nil }
        let command = frame.getInteger(at: frame.readerIndex + 4, as: UInt32.self) ?? 0
        let sequence = frame.getInteger(at: frame.readerIndex + 12, as: UInt32.self) ?? 0
        do {
            return .pdu(try SMPPPDU.read(frame: &frame))
        } catch {
            return .malformed(command: SMPPCommandID(rawValue: command), sequenceNumber: sequence, error: error)
        }
    }
}
