public import NIOCore

/// Writes outgoing PDUs (SwiftNIO `MessageToByteEncoder`).
public struct SMPPPDUEncoder: MessageToByteEncoder {
    public typealias OutboundIn = SMPPPDU

    /// An encoder.
    public init() {}

    public func encode(data: SMPPPDU, out: inout ByteBuffer) throws {
        data.write(to: &out)
    }
}
