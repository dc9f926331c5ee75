import Foundation
import LoaCore
import LoaProviders
import LoaStore
import LoaTemplates
import LoaWorker

/// What each dashboard page shows, read from the store and the provider pool and filled into
/// its template.
struct DashboardPages: Sendable {
    /// What every page needs: the language, the page's own path (for the language switch), the
    /// signed-in key and the session's CSRF token.
    struct Frame {
        let language: DashboardLanguage
        let path: String
        let key: APIKey?
        let csrf: String

        var values: [String: Any] {
            [
                "t": language.words, "lang": language.rawValue, "otherLang": language.other.rawValue, "path": path,
                "signedIn": key != nil, "keyName": key?.name ?? "", "csrf": csrf,
            ]
        }
    }

    /// States a message can be retried from, and those listed as problems.
    static let problemStates: Set<MessageState> = [.failed, .expired, .undelivered]
    static let listLimit = 100

    let templates: DashboardTemplates
    let store: any Store
    let pool: ProviderPool
    let texts: TextsInventory

    func signIn(_ frame: Frame, error: String?) -> String {
        var values = frame.values
        values["error"] = error
        return templates.render(.signIn, values)
    }

    func refused(_ frame: Frame, error: String) -> String {
        var values = frame.values
        values["error"] = error
        return templates.render(.refused, values)
    }

    func overview(_ frame: Frame, now: Date) async throws -> String {
        let words = frame.language.words
        let today = VietnamDayWindow(containing: now)
        let week = StatisticsQuery(from: today.start.addingTimeInterval(-6 * 86_400), to: today.end)
        let todayReport = try await store.statistics(StatisticsQuery(from: today.start, to: today.end))
        let weekReport = try await store.statistics(week)
        let summary = try await store.statusSummary(now: now)
        let hours = try await store.hourlyCounts(from: now.addingTimeInterval(-23 * 3600), to: now, commune: nil)
        var breakdowns: [[String: Any]] = []
        for (grouping, title) in [
            (StatisticsGrouping.day, "byDay"), (.provider, "byProvider"), (.carrier, "byCarrier"), (.commune, "byCommune"),
            (.locale, "byLocale"), (.kind, "byKind"),
        ] {
            var query = week
            query.groupBy = grouping
            let report = try await store.statistics(query)
            breakdowns.append([
                "grouping": grouping.rawValue, "id": "table-\(grouping.rawValue)", "title": words[title] ?? title,
                "rows": report.groups.map { Self.row(key: $0.key, $0.tally) } + [Self.row(key: words["total"] ?? "", report.total)],
            ])
        }
        let hourViews = hours.map { hour in
            HourlyChart.Hour(
                label: "\(VietnamWallClock(hour.hourStart).hour)h", submitted: hour.tally.submitted,
                delivered: hour.tally.messages[.delivered] ?? 0, failed: hour.tally.failed)
        }
        let chart = HourlyChart(
            hours: hourViews, names: (words["submitted"] ?? "", words["delivered"] ?? "", words["failed"] ?? ""))
        var values = frame.values
        values["periods"] = [
            ["id": "today", "title": words["today"] ?? "", "tally": Self.tally(todayReport.total)],
            ["id": "week", "title": words["lastSevenDays"] ?? "", "tally": Self.tally(weekReport.total)],
        ]
        values["queue"] = Self.queue(summary, words: words, now: now)
        values["chart"] = chart.svg
        values["hours"] = hourViews.map { ["label": $0.label, "submitted": $0.submitted, "delivered": $0.delivered, "failed": $0.failed] }
        values["breakdowns"] = breakdowns
        values["providers"] = pool.statuses().map { status -> [String: Any] in
            [
                "name": status.name, "type": status.type, "circuit": status.circuit.rawValue,
                "link": status.link.map { $0.state.rawValue } ?? "",
                "errorRate": Self.percent(status.recentSubmissions == 0 ? nil : status.recentErrorRate),
                "lastError": status.lastError ?? "",
            ]
        }
        return templates.render(.overview, values)
    }

    func problems(_ frame: Frame, outcome: String?, now: Date) async throws -> String {
        let words = frame.language.words
        let since = now.addingTimeInterval(-7 * 86_400)
        let failed = try await store.messages(in: Self.problemStates, createdSince: since, limit: Self.listLimit)
        let waiting = try await store.messages(in: [.pending], createdSince: since, limit: Self.listLimit)
        var values = frame.values
        values["outcome"] = outcome.flatMap { Self.outcomes.contains($0) ? $0 : nil }
        values["lists"] = [
            ["id": "failed", "title": words["problemsTitle"] ?? "", "messages": failed.map(Self.messageRow)],
            ["id": "waiting", "title": words["pendingTitle"] ?? "", "messages": waiting.map(Self.messageRow)],
        ]
        return templates.render(.problems, values)
    }

    /// Outcomes an action may report back on the problems page.
    static let outcomes: Set<String> = ["retried", "cancelled", "released", "notFound", "notAllowed", "personalDataRemoved"]

    func search(_ frame: Frame, query: String?) async throws -> String {
        var values = frame.values
        let query = (query ?? "").trimmingCharacters(in: .whitespaces)
        values["query"] = query
        if !query.isEmpty {
            let found: [StoredMessage]
            if let phone = try? PhoneNumber(parsing: query, allowForeign: true) {
                found = try await store.messages(recipient: phone.e164, limit: Self.listLimit)
            } else {
                found = Array(try await store.messages(dossierCode: query, commune: nil).prefix(Self.listLimit))
            }
            values["searched"] = true
            values["messages"] = found.map(Self.messageRow)
        }
        return templates.render(.search, values)
    }

    func texts(_ frame: Frame) -> String {
        let words = frame.language.words
        var values = frame.values
        values["unreviewed"] = texts.unreviewed.map { text -> [String: Any] in
            ["file": text.file, "why": words[text.changedSinceReview ? "changedSinceReview" : "neverReviewed"] ?? ""]
        }
        values["locales"] = texts.locales
        values["kinds"] = texts.segments.map { row -> [String: Any] in
            ["kind": row.kind, "cells": row.cells.map { ["locale": $0.locale, "segments": $0.segments, "encoding": $0.encoding] }]
        }
        return templates.render(.texts, values)
    }

    // MARK: Rows

    /// The queue: depth, what is due, what waits and why, the oldest waiting message, in-doubt
    /// attempts and sent messages still without a report (``StatusSummary``, as `GET /v1/status`).
    static func queue(_ summary: StatusSummary, words: [String: String], now: Date) -> [[String: Any]] {
        var rows: [[String: Any]] = [
            ["id": "queueDepth", "label": words["queueDepth"] ?? "", "value": summary.queueDepth],
            ["id": "dueNow", "label": words["dueNow"] ?? "", "value": summary.dueNow],
        ]
        for reason in WaitReason.allCases {
            rows.append(["id": "waiting-\(reason.rawValue)", "label": (words["waitingFor"] ?? "") + " " + (words["wait." + reason.rawValue] ?? reason.rawValue), "value": summary.waiting[reason] ?? 0])
        }
        let oldest = summary.oldestWaitingSince.map { "\(Int(now.timeIntervalSince($0) / 60)) min (\(wallClock($0)))" } ?? "—"
        rows.append(["id": "oldestWaiting", "label": words["oldestWaiting"] ?? "", "value": oldest])
        rows.append(["id": "inDoubt", "label": words["inDoubt"] ?? "", "value": summary.inDoubtAttempts])
        rows.append(["id": "noReportYet", "label": words["noReportYet"] ?? "", "value": summary.sentWithoutReport])
        return rows
    }

    static func tally(_ tally: MessageTally) -> [String: Any] {
        [
            "messages": tally.total, "deliveryRate": percent(tally.deliveryRate), "segmentsSent": tally.segmentsSent,
            "states": MessageState.allCases.map { ["name": $0.rawValue, "count": tally.messages[$0] ?? 0] },
        ]
    }

    static func row(key: String, _ tally: MessageTally) -> [String: Any] {
        [
            "key": key, "messages": tally.total, "delivered": tally.messages[.delivered] ?? 0, "failed": tally.failed,
            "deliveryRate": percent(tally.deliveryRate), "segmentsSent": tally.segmentsSent,
        ]
    }

    static func messageRow(_ message: StoredMessage) -> [String: Any] {
        [
            "id": message.id, "dossierCode": message.dossierCode,
            "phone": (try? PhoneNumber(e164: message.recipient))?.masked ?? "—",
            "kind": message.kind.rawValue, "locale": message.locale.rawValue, "state": message.state.rawValue,
            "reason": message.lastError ?? (message.state == .pending ? message.waitReason?.rawValue : nil) ?? "", "updated": wallClock(message.updatedAt),
            "canRetry": problemStates.contains(message.state), "canCancel": message.state == .pending,
            "canRelease": message.state == .pending && message.waitReason == .textReview,
        ]
    }

    /// `93.5 %`, or `—` when there is nothing to divide.
    static func percent(_ rate: Double?) -> String {
        guard let rate else { return "—" }
        return String(format: "%.1f %%", rate * 100)
    }

    /// `2026-12-05 14:07` in Vietnam time.
    static func wallClock(_ instant: Date) -> String {
        let clock = VietnamWallClock(instant)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(clock.year)-\(two(clock.month))-\(two(clock.day)) \(two(clock.hour)):\(two(clock.minute))"
    }
}

/// The Vietnam calendar day around an instant, as a window `[start, end)`.
struct VietnamDayWindow {
    let start: Date
    let end: Date

    init(containing instant: Date) {
        let hour = Int64((instant.timeIntervalSince1970 / 3600).rounded(.down))
        let day = VietnamDay.dayNumber(ofHour: hour)
        start = Date(timeIntervalSince1970: TimeInterval((day * 24 - VietnamDay.offsetHours) * 3600))
        end = start.addingTimeInterval(86_400)
    }
}
