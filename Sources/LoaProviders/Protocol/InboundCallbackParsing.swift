public import Foundation
public import LoaCore

/// A provider that hands over what residents send by calling Loa over HTTP
/// (`GET` or `POST /v1/providers/{name}/inbound`): Kannel's `sms-service` `get-url`, an HTTP
/// provider's inbound webhook. The route authenticates and reads the call through the adapter,
/// stores the message in the ``InboundSink`` and answers only after it is committed.
///
/// ```swift
/// let message = try kannel.parseInbound(callback, receivedAt: .now)
/// try await sink.receive(message)
/// ```
public protocol InboundCallbackParsing: Sendable {
    /// Whether this provider is configured to take inbound callbacks (for Kannel, an
    /// `inboundSecret` is set); the route answers `404` for one that is not.
    var takesInboundCallbacks: Bool { get }

    /// Turns one callback into the message it carries, after checking it is authentic.
    /// - Throws: ``InboundCallbackError`` naming the parameter at fault: `forged` when the caller
    ///   did not prove it is the provider, checked before anything else is read.
    func parseInbound(_ callback: ReceiptCallback, receivedAt: Date) throws(InboundCallbackError) -> InboundMessage

    /// What to answer once the message is stored. By default an empty `text/plain` body, which
    /// a Kannel `sms-service` with `max-messages = 0` sends nothing for.
    var inboundAcknowledgement: InboundAcknowledgement { get }
}

extension InboundCallbackParsing {
    public var inboundAcknowledgement: InboundAcknowledgement { .empty }
}
