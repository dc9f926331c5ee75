public import LoaCore

/// Something that sends SMS: an HTTP API, Kannel, an SMPP session, the sandbox.
///
/// An adapter does one thing: submit a message and say, in ``SubmitFailure``'s vocabulary,
/// whether a failure is worth retrying. Optional powers are separate protocols:
/// ``ReceiptCallbackParsing`` for providers that call Loa back with delivery reports.
///
/// ```swift
/// let providerMessageId = try await provider.submit(request)
/// ```
public protocol SMSProvider: Sendable {
    /// The provider's name in configuration (also the path segment of its receipt callback).
    var name: String { get }

    /// Submits one message; returns the provider's id for it.
    /// - Throws: ``SubmitFailure``, classified transient or permanent.
    func submit(_ request: SubmitRequest) async throws(SubmitFailure) -> String
}

/// Where providers hand the delivery receipts they produce or receive.
public protocol DeliveryReceiptSink: Sendable {
    /// Records one receipt durably.
    func deliver(_ receipt: DeliveryReceipt) async throws
}
