/// A part of a message's attempt that the SMSC answered with an id of its own, for
/// ``SMPPPartLedger/recordParts(_:at:)``.
public struct SMPPAnsweredPart: Sendable, Equatable {
    /// The id from the submit_sm_resp, as the SMSC wrote it.
    public var smscID: String
    public var messageID: String
    public var attempt: Int
    /// 1-based part number, of `count`.
    public var part: Int
    public var count: Int

    /// Creates a part record.
    public init(smscID: String, messageID: String, attempt: Int, part: Int, count: Int) {
        self.smscID = smscID
        self.messageID = messageID
        self.attempt = attempt
        self.part = part
        self.count = count
    }
}
