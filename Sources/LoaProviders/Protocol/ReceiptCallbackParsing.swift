public import Foundation
public import LoaCore

/// A provider that reports deliveries by calling Loa back over HTTP
/// (`GET|POST /v1/providers/{name}/receipts`).
public protocol ReceiptCallbackParsing: Sendable {
    /// Turns the callback's parameters into a receipt, after checking they are authentic.
    /// - Throws: ``ReceiptCallbackError`` naming the bad or missing parameter.
    func parseReceipt(parameters: [String: String], receivedAt: Date) throws(ReceiptCallbackError) -> DeliveryReceipt
}

/// A receipt callback that cannot be accepted.
public struct ReceiptCallbackError: Error, Sendable, Equatable {
    /// Whether the caller failed to prove it is the provider (a 403 rather than a 422).
    public var isAuthenticationFailure: Bool
    /// The parameter at fault.
    public var parameter: String
    public var message: String

    /// Creates an error.
    public init(parameter: String, message: String, isAuthenticationFailure: Bool = false) {
        self.parameter = parameter
        self.message = message
        self.isAuthenticationFailure = isAuthenticationFailure
    }
}
