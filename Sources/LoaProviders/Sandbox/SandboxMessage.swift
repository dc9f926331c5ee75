public import Foundation
public import LoaCore

/// What the sandbox "sent", as shown at `GET /v1/sandbox/messages`.
public struct SandboxMessage: Sendable, Equatable, Codable {
    /// The recipient in E.164 (the sandbox is for operators testing a deployment).
    public var to: String
    public var text: String
    public var encoding: SMSEncoding
    public var segments: Int
    public var providerMessageId: String
    /// Loa's message id.
    public var messageId: String
    public var at: Date
}
