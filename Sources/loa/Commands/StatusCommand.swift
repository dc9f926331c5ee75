import ArgumentParser
import Foundation
import LoaConfig
import LoaCore
import LoaServer
import LoaStore
import LoaTemplates

/// `loa status [--json]`: the queue at a glance, read straight from the database: what waits
/// and why, what is stuck, and today's messages (the same figures as `GET /v1/status`).
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the queue at a glance: depth, oldest waiting, why messages wait, in-doubt resends, today's messages.")

    @OptionGroup var options: DatabaseOptions

    @Flag(help: "Print the JSON of GET /v1/status instead.")
    var json = false

    func run() async throws {
        let (configuration, store) = try await options.openStore()
        let now = Date()
        let summary = try await store.statusSummary(now: now)
        let watchers = WatcherStatusView.all(configured: configuration.watchers, cursors: try await store.watcherCursors(), now: now)
        if json {
            print(String(decoding: try StatusWithWatchersView(summary: summary, watchers: watchers).json(), as: UTF8.self))
        } else {
            print(StatusCommand.text(summary) + StatusCommand.text(watchers), terminator: "")
        }
    }

    /// The summary as a few aligned lines (times in Vietnam time).
    static func text(_ summary: StatusSummary) -> String {
        func line(_ label: String, _ value: String) -> String {
            label.padding(toLength: 28, withPad: " ", startingAt: 0) + value + "\n"
        }
        func counts<Key: RawRepresentable<String>>(_ values: [Key: Int], _ keys: [Key]) -> String {
            let shown = keys.filter { (values[$0] ?? 0) > 0 }.map { "\($0.rawValue) \(values[$0] ?? 0)" }
            return shown.isEmpty ? "none" : shown.joined(separator: ", ")
        }
        var text = line("queue", "\(summary.queueDepth) waiting to be sent (\(summary.dueNow) due now, \(summary.messagesByState[.sending] ?? 0) sending)")
        text += line("oldest waiting", summary.oldestWaitingSince.map { "\(duration(summary.oldestWaitingAgeSeconds)) (since \(vietnamTime($0)))" } ?? "-")
        text += line("held back", counts(summary.waiting, WaitReason.allCases))
        text += line("in-doubt attempts (resent)", "\(summary.inDoubtAttempts)")
        text += line("sent, no report yet", "\(summary.sentWithoutReport)")
        text += line("today (Vietnam time)", "\(summary.todayTotal) messages, \(summary.segmentsSentToday) segments sent")
        text += line("  by state", counts(summary.today, MessageState.allCases))
        text += line("all messages", counts(summary.messagesByState, MessageState.allCases))
        return text
    }

    /// One line per dossier watcher: its lag, what it read, its last error.
    static func text(_ watchers: [WatcherStatusView]) -> String {
        watchers.map { watcher in
            var line = "watcher \(watcher.name)".padding(toLength: 28, withPad: " ", startingAt: 0)
            if let lag = watcher.lagSeconds, let readThrough = watcher.readThrough {
                line += "lag \(duration(lag)) (everything before \(vietnamTime(readThrough)) read)"
            } else {
                line += "not started"
            }
            line += ", \(watcher.changes) change\(watcher.changes == 1 ? "" : "s"), \(watcher.rejected) rejected"
            if let error = watcher.lastError { line += "; failing: \(error)" }
            return line + "\n"
        }.joined()
    }

    /// `3h 12m`, `45s`: an age at a glance.
    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds)
        let (days, hours, minutes) = (total / 86_400, total % 86_400 / 3600, total % 3600 / 60)
        if days > 0 { return "\(days)d \(hours)h" }
        if hours > 0 { return "\(hours)h \(minutes)m" }
        if minutes > 0 { return "\(minutes)m \(total % 60)s" }
        return "\(total)s"
    }

    /// `2026-12-05 21:14 (UTC+7)`.
    static func vietnamTime(_ date: Date) -> String {
        let clock = VietnamWallClock(date)
        return String(format: "%04d-%02d-%02d %02d:%02d (UTC+7)", clock.year, clock.month, clock.day, clock.hour, clock.minute)
    }
}
