public import Foundation
public import LoaCore
public import LoaStore
public import Logging
public import ServiceLifecycle

/// Sends by themselves the messages held for a text review (`holdAs: operator`) once a native
/// speaker's review approves the exact text they carry: every `intervalSeconds` it reads the
/// reviews afresh (`loa templates review` appends to `reviews.yaml` while the gateway runs) and
/// releases those messages as written, waking the dispatcher. Each sweep also forgets the holds
/// of messages cancelled or expired since (``TextReviewHolds/sweepTextReviewHolds(approved:at:quietHours:)``).
public struct HeldMessageReleaser: Service {
    let holds: any TextReviewHolds
    let approvedTexts: @Sendable () throws -> [ApprovedText]
    let quietHours: QuietHours
    let work: WorkSignal
    let intervalSeconds: Double
    let logger: Logger
    let now: @Sendable () -> Date

    /// Creates a releaser; `approvedTexts` reads the reviews recorded now
    /// (``LoaTemplates/TemplateCatalog/approvedTexts(in:)``).
    public init(
        holds: any TextReviewHolds, approvedTexts: @escaping @Sendable () throws -> [ApprovedText], quietHours: QuietHours,
        work: WorkSignal, intervalSeconds: Double = 30, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.holds = holds
        self.approvedTexts = approvedTexts
        self.quietHours = quietHours
        self.work = work
        self.intervalSeconds = intervalSeconds
        self.logger = logger
        self.now = now
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                _ = try await sweep()
            } catch {
                logger.error("releasing held messages whose text was reviewed failed", metadata: ["error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(intervalSeconds)) }
        }
    }

    /// One sweep: releases the held messages whose text a review approved; returns their ids.
    public func sweep() async throws -> [String] {
        let released = try await holds.sweepTextReviewHolds(approved: try approvedTexts(), at: now(), quietHours: quietHours)
        if !released.isEmpty {
            logger.info("held messages released: their text was reviewed", metadata: ["messages.released": "\(released.count)"])
            work.signal()
        }
        return released
    }
}
