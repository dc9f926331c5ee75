public import LoaCore

/// What releasing one held message did.
public enum HeldReleaseOutcome: Sendable, Equatable {
    /// Released: pending again, due at once or when quiet hours or its schedule allow.
    case released
    /// No message with that id.
    case notFound
    /// The message is not held for a text review (in this `state`).
    case notHeld(state: MessageState)
}
