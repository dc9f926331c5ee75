public import LoaCore

/// What an operator's retry or cancel did to one message.
public enum MessageActionOutcome: Sendable, Equatable {
    /// Retried: a new pending message with this id carries the same text.
    case retried(newMessageId: String)
    /// Cancelled before it was sent.
    case cancelled
    /// No message with that id.
    case notFound
    /// The message's state does not allow the action (for example cancelling a delivered one).
    case notAllowed(state: MessageState)
    /// Its phone number and text were removed after `retention.messages`
    /// (``PersonalDataRetention``): it cannot be sent again.
    case personalDataRemoved
}
