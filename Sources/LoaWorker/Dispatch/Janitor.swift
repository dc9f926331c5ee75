public import Foundation
public import LoaCore
public import LoaStore
public import Logging
public import ServiceLifecycle

/// Periodic housekeeping: ends `expired` the messages whose validity ran out before they could
/// go, ends `unreported` the sent messages whose report did not come within their provider's
/// report timeout, once a Vietnam day drops the daily-cap counts of the days before, and every
/// `retentionIntervalSeconds` removes the personal data past its ``RetentionPolicy`` in small
/// batches (see ``PersonalDataRetention``), with the audit trail entries past their longer horizon.
public struct Janitor: Service {
    let outbox: any Outbox
    let retention: any PersonalDataRetention
    let audit: (any AuditTrail)?
    let retentionPolicy: RetentionPolicy
    let reportTimeouts: ReportTimeouts
    let intervalSeconds: Double
    let retentionIntervalSeconds: Double
    let logger: Logger
    let now: @Sendable () -> Date

    /// Creates a janitor that sweeps every `intervalSeconds` and purges personal data past
    /// `retentionPolicy` at its first sweep and then every `retentionIntervalSeconds` (audit
    /// entries past ``RetentionPolicy/auditHorizon(now:)`` too, when given the `audit` trail).
    public init(
        outbox: any Outbox, retention: any PersonalDataRetention, audit: (any AuditTrail)? = nil, retentionPolicy: RetentionPolicy,
        reportTimeouts: ReportTimeouts = ReportTimeouts(), intervalSeconds: Double = 30, retentionIntervalSeconds: Double = 3600, logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.outbox = outbox
        self.retention = retention
        self.audit = audit
        self.retentionPolicy = retentionPolicy
        self.reportTimeouts = reportTimeouts
        self.intervalSeconds = intervalSeconds
        self.retentionIntervalSeconds = retentionIntervalSeconds
        self.logger = logger
        self.now = now
    }

    public func run() async throws {
        var countsKeptFrom: Int64?
        var lastPurge: Date?
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let now = now()
            do {
                let expired = try await outbox.expireDue(now: now)
                if expired > 0 { logger.info("messages expired", metadata: ["messages.expired": "\(expired)"]) }
            } catch {
                logger.error("expiry sweep failed", metadata: ["error": "\(error)"])
            }
            do {
                let unreported = try await outbox.endUnreported(now: now, reportTimeouts: reportTimeouts)
                if unreported > 0 {
                    logger.info("sent messages given up: no final report within the report timeout", metadata: ["messages.unreported": "\(unreported)"])
                }
            } catch {
                logger.error("report timeout sweep failed", metadata: ["error": "\(error)"])
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
            if lastPurge.map({ now.timeIntervalSince($0) >= retentionIntervalSeconds }) ?? true {
                await purgePersonalData(now: now)
                lastPurge = now
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(intervalSeconds)) }
        }
    }

    /// Removes what passed the retention horizon, batch by batch; shutdown stops it between batches.
    private func purgePersonalData(now: Date) async {
        do {
            let (removed, auditRemoved) = try await cancelWhenGracefulShutdown {
                let removed = try await retention.purgeAll(horizon: retentionPolicy.horizon(now: now))
                let auditRemoved = try await audit?.forgetAllAudit(before: retentionPolicy.auditHorizon(now: now)) ?? 0
                return (removed, auditRemoved)
            }
            guard !removed.isEmpty || auditRemoved > 0 else { return }
            var metadata: Logger.Metadata = ["retention.audit": "\(auditRemoved)"]
            for (table, count) in removed.byTable { metadata["retention.\(table)"] = "\(count)" }
            logger.info("personal data past retention removed", metadata: metadata)
        } catch is CancellationError {
            return
        } catch {
            logger.error("retention purge failed", metadata: ["error": "\(error)"])
        }
    }
}
