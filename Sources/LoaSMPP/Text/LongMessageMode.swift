/// How a message longer than one SMS goes to the SMSC (`providers.<name>.longMessages`).
public enum LongMessageMode: String, Sendable, CaseIterable {
    /// One submit_sm per part, each with a 6-octet User Data Header (esm_class 0x40).
    case udh
    /// One submit_sm with the whole text in message_payload; the SMSC splits it.
    case payload
}
