public import Foundation

/// How long Loa waits for each provider's final delivery report before a `sent` message ends
/// ``MessageState/unreported`` (`providers.<name>.reportTimeout`).
///
/// ```swift
/// let timeouts = ReportTimeouts(byProvider: ["kannel": 48 * 3600])
/// timeouts.sentBefore(now, provider: "kannel")   // now − 48 h: sent earlier, given up
/// ```
public struct ReportTimeouts: Sendable, Equatable {
    /// The default timeout: 72 hours, longer than any SMSC's usual validity period.
    public static let defaultSeconds: Double = 72 * 3600

    /// Seconds per provider name.
    public var byProvider: [String: Double]
    /// Seconds for messages of a provider not (or no longer) configured.
    public var otherwise: Double

    /// Creates timeouts; providers not named wait `otherwise`.
    public init(byProvider: [String: Double] = [:], otherwise: Double = ReportTimeouts.defaultSeconds) {
        self.byProvider = byProvider
        self.otherwise = otherwise
    }

    /// The timeout for `provider`'s reports, in seconds.
    public func seconds(for provider: String) -> Double {
        byProvider[provider] ?? otherwise
    }

    /// For a sweep at `now`: the latest instant a message of `provider` may have been sent and
    /// already be past its timeout.
    public func sentBefore(_ now: Date, provider: String) -> Date {
        now.addingTimeInterval(-seconds(for: provider))
    }
}
