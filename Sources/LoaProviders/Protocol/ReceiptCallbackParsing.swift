public import Foundation
public import LoaCore

/// A provider that reports deliveries by calling Loa back over HTTP
/// (`GET` or `POST /v1/providers/{name}/receipts`).
public protocol ReceiptCallbackParsing: Sendable {
    /// Turns the callback's parameters into a receipt, after checking they are authentic.
    /// - Throws: ``ReceiptCallbackError`` naming the bad or missing parameter.
    func parseReceipt(parameters: [String: String], receivedAt: Date) throws(ReceiptCallbackError) -> DeliveryReceipt

    /// Turns a whole callback (method, query, headers, body) into a receipt, after checking it
    /// is authentic: what providers that `POST` form or JSON reports, or sign them with a
    /// header, implement. By default, ``parseReceipt(parameters:receivedAt:)`` over the query.
    func parseReceipt(_ callback: ReceiptCallback, receivedAt: Date) throws(ReceiptCallbackError) -> DeliveryReceipt
}

/// A receipt callback that cannot be accepted.
public struct ReceiptCallbackError: Error, Sendable, Equatable {
    /// Why a callback is refused, which decides the answer the caller gets.
    public enum Reason: Sendable, Equatable {
        /// A parameter is missing or unreadable (`422`).
        case malformed
        /// The caller failed to prove it is the provider: the signature does not match (`403`).
        case forged
        /// Authentic, but the signed callback URL is past its expiry (`410`): a replay, or a
        /// report later than Loa waits for one.
        case expired
    }

    public var reason: Reason
    /// The parameter at fault.
    public var parameter: String
    public var message: String

    /// Creates an error.
    public init(parameter: String, message: String, reason: Reason = .malformed) {
        self.parameter = parameter
        self.message = message
        self.reason = reason
    }
}
