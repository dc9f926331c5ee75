/// What `hold` does with a message whose text is unreviewed (`locales.<tag>.holdAs`, read only
/// with `unreviewed: hold`; default `vietnamese`).
public enum UnreviewedHold: String, Sendable, CaseIterable {
    /// Send the Vietnamese text in its place at once, and mark the message so.
    case vietnamese
    /// Keep the message waiting for an operator (``LoaCore/WaitReason/textReview``), with the
    /// Vietnamese text kept beside it: released as written or in Vietnamese by an operator, sent
    /// as written by itself once a review approves its text, expired if neither comes in time.
    case forOperator = "operator"
}
