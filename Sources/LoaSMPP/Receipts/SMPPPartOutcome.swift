public import LoaCore

/// What the reports of a multi-part message's parts say about the whole message: a pure
/// decision, the parts' statuses in, one status (or none yet) out.
///
/// A message is `delivered` when every part is, and settled by the first part (in part order)
/// that is `undelivered`, `expired` or `rejected`, whatever the others say; `unknown` when all
/// parts reported and some only say unknown; `accepted` (not final) when all parts reported and
/// some are only accepted.
///
/// ```swift
/// SMPPPartOutcome.decide([.delivered, nil, .delivered])         // nil: part 2 has not reported
/// SMPPPartOutcome.decide([.delivered, .undelivered, nil])       // .undelivered
/// ```
public enum SMPPPartOutcome {
    /// The message's status from its parts' (nil for a part with no report yet).
    public static func decide(_ parts: [ReceiptStatus?]) -> ReceiptStatus? {
        if let failed = parts.lazy.compactMap({ $0 }).first(where: { [.undelivered, .expired, .rejected].contains($0) }) {
            return failed
        }
        let reported = parts.compactMap { $0 }
        guard !parts.isEmpty, reported.count == parts.count else { return nil }
        if reported.allSatisfy({ $0 == .delivered }) { return .delivered }
        if reported.contains(.unknown) { return .unknown }
        return .accepted
    }

    /// Whether `status` ends the message's story (no later report changes it).
    public static func isFinal(_ status: ReceiptStatus) -> Bool {
        status.resultingState != nil
    }
}
