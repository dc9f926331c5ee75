import LoaCore
public import LoaProviders

/// The messages the checks send: a brandname sender, a registered template id, and texts that
/// make each case's point.
public enum ConformanceRequests {
    /// Plain GSM-7 text.
    public static let plain = "Ho so 123 da co ket qua. Moi ong/ba den nhan tai UBND xa."
    /// Vietnamese in one UCS-2 part (diacritics GSM-7 cannot write).
    public static let vietnamese = "Thẻ căn cước của ông/bà đã có tại Công an xã Na Ư."
    /// Vietnamese in four UCS-2 parts.
    public static let long = (1...6).map { "Phần \($0) của thông báo về hồ sơ đất đai; " }.joined() + "hết."
    /// The recipient of every check but the batch.
    public static let recipient = "+84912345678"

    /// A request with a fresh message id; `to` in E.164.
    public static func request(_ text: String, to: String = recipient, attempt: Int = 1) throws -> SubmitRequest {
        let analysis = SMSText.analyse(text)
        return SubmitRequest(
            messageId: "conf\(UInt32.random(in: 0...UInt32.max))", attempt: attempt, to: try PhoneNumber(parsing: to), text: text,
            encoding: analysis.encoding, segments: analysis.segments, sender: "CAXANAU", kind: .resultReady, providerTemplateId: "T-1")
    }

    /// The recipient of message `index` of the batch: a number of its own.
    public static func batchRecipient(_ index: Int) -> String {
        "+849123" + String(index + 20_001)
    }
}
