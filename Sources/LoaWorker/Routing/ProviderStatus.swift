public import Foundation
public import LoaCore
public import LoaProviders

/// How one provider stands, for operators (`GET /v1/providers`, `loa providers`).
public struct ProviderStatus: Sendable, Equatable {
    public var name: String
    /// Its `type` in configuration.
    public var type: String
    /// Whether submissions go to it (closed), wait for its cool-down (open) or wait for a probe's
    /// answer (halfOpen).
    public var circuit: CircuitBreaker.State
    /// Its own connection, for providers that hold one (an SMPP bind); nil otherwise.
    public var link: ProviderLink?
    /// Submissions under way now.
    public var inFlight: Int
    /// Of its last ``ProviderHealth/window`` submissions, how many were made and how many failed
    /// transiently.
    public var recentSubmissions: Int
    public var recentFailures: Int
    /// What it said last time a submission failed, and when.
    public var lastError: String?
    public var lastErrorAt: Date?

    /// Share of recent submissions that failed transiently (0 when there were none).
    public var recentErrorRate: Double {
        recentSubmissions == 0 ? 0 : Double(recentFailures) / Double(recentSubmissions)
    }
}
