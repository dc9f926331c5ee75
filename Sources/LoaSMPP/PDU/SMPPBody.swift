/// What a PDU carries after its header, by kind.
public enum SMPPBody: Hashable, Sendable {
    /// No body: enquire_link, unbind, their responses, generic_nack, and error responses that
    /// carry none.
    case empty
    /// bind_transmitter / bind_receiver / bind_transceiver.
    case bind(SMPPBind)
    /// A bind response: the SMSC's system_id.
    case bindResponse(systemID: String)
    /// submit_sm / deliver_sm.
    case shortMessage(SMPPShortMessage)
    /// submit_sm_resp / deliver_sm_resp: the SMSC's id for the message (empty in deliver_sm_resp).
    case messageID(String)
    /// A command this client does not implement; its body is skipped.
    case unsupported
}
