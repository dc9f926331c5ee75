public import LoaCore
public import LoaProviders

/// Refuses every inbound message, so adapters do not acknowledge what nothing keeps: the
/// provider holds it and offers it again once Loa stores inbound messages.
public struct UnstoredInboundSink: InboundSink {
    /// Creates the sink.
    public init() {}

    public func receive(_ message: InboundMessage) async throws {
        throw InboundNotStoredError()
    }
}

/// Inbound messages are not stored yet.
public struct InboundNotStoredError: Error, CustomStringConvertible {
    public var description: String { "this Loa does not store inbound messages yet; the provider keeps the message and offers it again" }
}
