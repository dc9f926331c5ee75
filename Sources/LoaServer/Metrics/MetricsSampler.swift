import Foundation
import LoaCore
import LoaStore
import LoaWorker
import Prometheus

/// The gauges `/metrics` reads at scrape time, from the store's rollup and partial indexes and
/// from the provider pool: messages by state (in all, and by kind, locale and provider), segments
/// sent, the queue (depth, due now, waiting by reason, oldest waiting age, in-doubt attempts,
/// sent without report) and each provider's circuit and submissions in flight.
///
/// Every label value comes from a closed set (states, wait reasons, circuit states, the catalog's
/// kinds and locales, the configured providers); a value outside it is shown as `other`, so no
/// phone number, dossier code or message id can become a label. Every combination is set on each
/// scrape, zeros included, so a series never keeps a stale value.
struct MetricsSampler: Sendable {
    let registry: PrometheusCollectorRegistry
    let store: any QueueStatus & MessageStatistics
    let pool: ProviderPool
    let kinds: [String]
    let locales: [String]
    /// The configured providers' names; messages never handed to one count under `none`.
    let providers: [String]

    /// Reads the store and the pool and sets every gauge to what they say at `now`.
    func sample(now: Date) async throws {
        let summary = try await store.statusSummary(now: now)
        set(.queueDepth, [], summary.queueDepth)
        set(.dueNow, [], summary.dueNow)
        for reason in WaitReason.allCases {
            set(.waiting, [("reason", reason.rawValue)], summary.waiting[reason] ?? 0)
        }
        set(.oldestWaitingAge, [], summary.oldestWaitingAgeSeconds)
        set(.inDoubt, [], summary.inDoubtAttempts)
        set(.sentWithoutReport, [], summary.sentWithoutReport)

        // Every message kept, counted from the hourly rollup up to the end of the current hour.
        let hourEnd = Date(timeIntervalSince1970: ((now.timeIntervalSince1970 / 3600).rounded(.down) + 1) * 3600)
        let all = try await store.statistics(StatisticsQuery(from: Date(timeIntervalSince1970: 0), to: hourEnd))
        for state in MessageState.allCases {
            set(.messages, [("state", state.rawValue)], all.total.messages[state] ?? 0)
        }
        try await breakdown(.kind, family: .messagesByKind, label: "kind", values: kinds, to: hourEnd)
        try await breakdown(.locale, family: .messagesByLocale, label: "locale", values: locales, to: hourEnd)
        let byProvider = try await breakdown(
            .provider, family: .messagesByProvider, label: "provider", values: providers + ["none"], to: hourEnd, rename: ["": "none"])
        for provider in providers + ["none", "other"] {
            set(.segmentsSent, [("provider", provider)], byProvider[provider]?.segmentsSent ?? 0)
        }

        let statuses = pool.statuses()
        for status in statuses {
            let name = bounded(status.name, among: providers)
            for circuit in [CircuitBreaker.State.closed, .open, .halfOpen] {
                set(.circuit, [("provider", name), ("state", circuit.rawValue)], status.circuit == circuit ? 1 : 0)
            }
            set(.inFlight, [("provider", name)], status.inFlight)
        }
    }

    /// Sets `family` for every value of `label` (plus `other`) and every state from the
    /// statistics grouped by `grouping`; returns the tallies by bounded value.
    @discardableResult
    private func breakdown(
        _ grouping: StatisticsGrouping, family: Family, label: String, values: [String], to end: Date, rename: [String: String] = [:]
    ) async throws -> [String: MessageTally] {
        let report = try await store.statistics(StatisticsQuery(from: Date(timeIntervalSince1970: 0), to: end, groupBy: grouping))
        var tallies: [String: MessageTally] = [:]
        for group in report.groups {
            tallies[bounded(rename[group.key] ?? group.key, among: values), default: MessageTally()].add(group.tally)
        }
        for value in values + ["other"] {
            for state in MessageState.allCases {
                set(family, [(label, value), ("state", state.rawValue)], tallies[value]?.messages[state] ?? 0)
            }
        }
        return tallies
    }

    private func bounded(_ value: String, among known: [String]) -> String {
        known.contains(value) ? value : "other"
    }

    private func set(_ family: Family, _ labels: [(String, String)], _ value: Int) {
        set(family, labels, Double(value))
    }

    private func set(_ family: Family, _ labels: [(String, String)], _ value: Double) {
        let descriptor = MetricNameDescriptor(namespace: "loa", metricName: family.rawValue, unitName: family.unit, helpText: family.help)
        let gauge = labels.isEmpty ? registry.makeGauge(descriptor: descriptor) : registry.makeGauge(descriptor: descriptor, labels: labels)
        gauge.set(to: value)
    }

    /// The gauges, by their name after `loa_`.
    enum Family: String {
        case messages, messagesByKind = "messages_by_kind", messagesByLocale = "messages_by_locale"
        case messagesByProvider = "messages_by_provider", segmentsSent = "segments_sent"
        case queueDepth = "queue_depth", dueNow = "queue_due_now", waiting = "messages_waiting"
        case oldestWaitingAge = "oldest_waiting_age", inDoubt = "attempts_in_doubt", sentWithoutReport = "messages_sent_without_report"
        case circuit = "provider_circuit_state", inFlight = "provider_in_flight"

        var unit: String { self == .oldestWaitingAge ? "seconds" : "" }

        var help: String {
            switch self {
            case .messages: "Messages kept in the store, by current state."
            case .messagesByKind: "Messages kept in the store, by notification kind and current state."
            case .messagesByLocale: "Messages kept in the store, by locale and current state."
            case .messagesByProvider: "Messages kept in the store, by the provider that took them (none: not handed over) and current state."
            case .segmentsSent: "SMS segments of the kept messages handed to each provider (sent, delivered, undelivered, unreported): the cost."
            case .queueDepth: "Messages not yet handed to a provider (pending and sending)."
            case .dueNow: "Pending messages that may go now."
            case .waiting: "Pending messages held back, by what they wait for."
            case .oldestWaitingAge: "Age of the oldest message still waiting to be sent (0 when none waits)."
            case .inDoubt: "Attempts a dead worker left unanswered and that were resent."
            case .sentWithoutReport: "Messages a provider accepted with no delivery report yet."
            case .circuit: "Each provider's circuit breaker: 1 for its current state, 0 for the others."
            case .inFlight: "Submissions under way at each provider."
            }
        }
    }
}
