/// How Loa binds (`providers.<name>.bind`).
public enum SMPPBindMode: String, Sendable, CaseIterable {
    /// One connection that sends and receives (bind_transceiver).
    case transceiver
    /// Two connections: bind_transmitter for submissions, bind_receiver for receipts and inbound messages.
    case transmitterAndReceiver = "transmitter+receiver"
}
