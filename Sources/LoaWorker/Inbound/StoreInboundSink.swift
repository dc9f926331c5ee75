public import LoaCore
public import LoaProviders
public import LoaStore
public import Logging

/// Stores what residents send (through group commit) and returns only once it is committed, so
/// an adapter that acknowledges after ``receive(_:)`` never acknowledges what a crash could lose.
/// A repeated hand-over (same provider and provider message id) is recognised and not stored again.
///
/// ```swift
/// let sink = StoreInboundSink(messages: .inbound(into: store), logger: logger)
/// try await sink.receive(message)   // committed when this returns
/// ```
public struct StoreInboundSink: InboundSink {
    let messages: GroupCommitter<InboundMessage, Bool>
    let logger: Logger
    /// Signalled when a new message was committed (``ResidentResponder`` waits on it).
    public let stored = WorkSignal()

    /// Creates a sink committing through `messages`.
    public init(messages: GroupCommitter<InboundMessage, Bool>, logger: Logger) {
        self.messages = messages
        self.logger = logger
    }

    public func receive(_ message: InboundMessage) async throws {
        let isNew = try await messages.commit([message])[0]
        if isNew { stored.signal() }
        // The number masked, the text never: both are the resident's.
        let metadata: Logger.Metadata = [
            "provider.name": "\(message.provider)", "inbound.from": "\(message.from.masked)",
            "inbound.characters": "\(message.text.count)",
        ]
        if isNew {
            logger.info("inbound message stored", metadata: metadata)
        } else {
            logger.debug("inbound message handed over again; stored once already", metadata: metadata)
        }
    }
}
