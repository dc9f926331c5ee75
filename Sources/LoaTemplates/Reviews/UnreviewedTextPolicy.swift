/// What Loa sends while a locale's text is unreviewed (`locales.<tag>.unreviewed` in the catalog).
public enum UnreviewedTextPolicy: String, Sendable, CaseIterable {
    /// Send the unreviewed text; nothing on the message says so.
    case send
    /// Send it, and mark the message as carrying an unreviewed text (the default).
    case warn
    /// Send the Vietnamese text instead, and mark the message so.
    case hold
}
