public import Foundation
import LoaCore
public import LoaStore
public import Logging
public import ServiceLifecycle

/// Periodic housekeeping: ends `expired` the messages whose validity ran out before they could
/// go, and once a Vietnam day drops the daily-cap counts of the days before.
public struct Janitor: Service {
    let outbox: any Outbox
    let intervalSeconds: Double
    let logger: Logger
    let now: @Sendable () -> Date

    /// Creates a janitor that sweeps every `intervalSeconds`.
    public init(outbox: any Outbox, intervalSeconds: Double = 30, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }) {
        self.outbox = outbox
        self.intervalSeconds = intervalSeconds
        self.logger = logger
        self.now = now
    }

    public func run() async throws {
        var countsKeptFrom: Int64?
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let now = now()
            do {
                let expired = try await outbox.expireDue(now: now)
                if expired > 0 { logger.info("messages expired", metadata: ["messages.expired": "\(expired)"]) }
            } catch {
                logger.error("expiry sweep failed", metadata: ["error": "\(error)"])
            }
            let today = RecipientDailyCap.vietnamDay(ofEpochSeconds: now.timeIntervalSince1970)
            if countsKeptFrom != today {
                do {
                    let dropped = try await outbox.forgetRecipientDays(before: today)
                    countsKeptFrom = today
                    logger.debug("past daily-cap counts dropped", metadata: ["recipientDays.dropped": "\(dropped)"])
                } catch {
                    logger.error("dropping past daily-cap counts failed", metadata: ["error": "\(error)"])
                }
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(intervalSeconds)) }
        }
    }
}
