/// One frame read from the peer: a PDU, or a frame of the right length whose body does not
/// decode (answered with generic_nack, or the error response, by its sequence number).
public enum SMPPFrame: Hashable, Sendable {
    case pdu(SMPPPDU)
    case malformed(command: SMPPCommandID, sequenceNumber: UInt32, error: SMPPDecodingError)
}
