/// One SMPP 3.4 PDU: header fields and body. `command_length` is computed when encoding.
///
/// ```swift
/// var buffer = ByteBuffer()
/// SMPPPDU(command: .enquireLink, sequenceNumber: 7).write(to: &buffer)
/// let decoded = try SMPPPDU.read(from: &buffer, maxLength: 65_536)
/// ```
public struct SMPPPDU: Hashable, Sendable {
    public var command: SMPPCommandID
    public var status: SMPPCommandStatus
    /// 1 … 0x7FFFFFFF, chosen by the side that sends the request and echoed by the response.
    public var sequenceNumber: UInt32
    public var body: SMPPBody

    /// A PDU.
    public init(command: SMPPCommandID, status: SMPPCommandStatus = .ok, sequenceNumber: UInt32, body: SMPPBody = .empty) {
        self.command = command
        self.status = status
        self.sequenceNumber = sequenceNumber
        self.body = body
    }

    /// The header's size: command_length, command_id, command_status, sequence_number.
    public static let headerLength = 16
}
