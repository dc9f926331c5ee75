public import LoaCore

/// Where adapters hand the mobile-originated messages they receive.
///
/// An adapter acknowledges a message to its provider only after ``receive(_:)`` returned: the
/// sink has committed it, so a crash after the acknowledgement loses nothing, and a crash
/// before it makes the provider send it again (the sink recognises the repeat by provider and
/// provider message id).
public protocol InboundSink: Sendable {
    /// Records one inbound message durably.
    func receive(_ message: InboundMessage) async throws
}
