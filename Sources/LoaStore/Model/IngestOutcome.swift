/// What became of one event handed to ``Store/ingest(_:plan:)``.
public enum IngestOutcome: Sendable, Equatable {
    /// Committed; these messages will be sent (possibly none).
    case accepted(messageIds: [String])
    /// The same source and event id was accepted before; nothing new was created.
    case duplicate
    /// The planner refused it; nothing was written for this event.
    case rejected(IngestRejection)

    /// Whether the event was accepted with at least one message.
    public var createdMessages: Bool {
        if case .accepted(let ids) = self { !ids.isEmpty } else { false }
    }
}

/// Why the planner refused an event, naming the field to fix.
public struct IngestRejection: Error, Sendable, Equatable {
    /// A machine-readable code, such as `unknown_procedure`.
    public var code: String
    public var message: String
    /// The JSON field at fault, such as `procedure` or `applicant.phone`.
    public var field: String?

    /// Creates a rejection.
    public init(code: String, message: String, field: String?) {
        self.code = code
        self.message = message
        self.field = field
    }
}

/// What the planner decided for one event: the messages to create.
public struct EventPlan: Sendable {
    /// New messages, fully rendered.
    public var messages: [StoredMessage]
    /// Whether unsent messages of older statuses of the same dossier should be cancelled as superseded.
    public var supersedesOlderMessages: Bool

    /// Creates a plan.
    public init(messages: [StoredMessage], supersedesOlderMessages: Bool) {
        self.messages = messages
        self.supersedesOlderMessages = supersedesOlderMessages
    }
}
