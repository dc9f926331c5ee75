public import Foundation
public import LoaConfig
public import LoaStore

/// One dossier watcher in `loa status`: how far behind its source it is, what it has read and
/// why it last failed.
public struct WatcherStatusView: Encodable, Sendable {
    public let name: String
    /// The watched table or view.
    public let table: String
    /// Seconds between now and the instant before which every change has been read; nil before
    /// the watcher first read its source.
    public let lagSeconds: Double?
    /// Every change committed before this instant (source clock) has become an event.
    public let readThrough: Date?
    /// The last change read: its updated-at and row id.
    public let cursor: Cursor?
    /// Changes turned into events (accepted, duplicates and rejected) since the watcher first ran.
    public let changes: Int
    /// Of those, rejected by the event rules (logged with the row's id and the field).
    public let rejected: Int
    /// Why the last read failed; null once reads succeed again.
    public let lastError: String?
    /// When the watcher last recorded a step; nil when it never ran against this store.
    public let savedAt: Date?

    /// A cursor: the change's updated-at (microsecond precision) and its row id.
    public struct Cursor: Encodable, Sendable {
        public let updatedAt: String
        public let rowId: String
    }

    /// Every configured watcher with its stored cursor (if any), then cursors of watchers no
    /// longer configured.
    public static func all(configured: [GatewayConfiguration.Watcher], cursors: [WatcherCursor], now: Date) -> [WatcherStatusView] {
        let byName = Dictionary(cursors.map { ($0.name, $0) }) { first, _ in first }
        let names = Set(configured.map(\.name))
        return configured.map { WatcherStatusView(name: $0.name, table: $0.table.relation, cursor: byName[$0.name], now: now) }
            + cursors.filter { !names.contains($0.name) }.map { WatcherStatusView(name: $0.name, table: "(no longer configured)", cursor: $0, now: now) }
    }

    init(name: String, table: String, cursor: WatcherCursor?, now: Date) {
        self.name = name
        self.table = table
        lagSeconds = cursor?.lagSeconds(now: now).map { ($0 * 1000).rounded() / 1000 }
        readThrough = cursor?.readThrough
        self.cursor = cursor?.position.map { position in
            let seconds = position.updatedAtMicros / 1_000_000, micros = position.updatedAtMicros % 1_000_000
            let whole = Date(timeIntervalSince1970: Double(seconds)).formatted(Date.ISO8601FormatStyle())
            return Cursor(updatedAt: whole.replacingOccurrences(of: "Z", with: String(format: ".%06dZ", Int(micros))), rowId: position.rowId)
        }
        changes = cursor?.changes ?? 0
        rejected = cursor?.rejected ?? 0
        lastError = cursor?.lastError
        savedAt = cursor?.savedAt
    }
}

/// `loa status --json`: the JSON of `GET /v1/status` with a `watchers` list added.
public struct StatusWithWatchersView: Encodable, Sendable {
    let summary: StatusSummaryView
    let watchers: [WatcherStatusView]

    public init(summary: StatusSummary, watchers: [WatcherStatusView]) {
        self.summary = StatusSummaryView(summary)
        self.watchers = watchers
    }

    private enum Keys: String, CodingKey { case watchers }

    public func encode(to encoder: any Encoder) throws {
        try summary.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(watchers, forKey: .watchers)
    }

    /// The JSON, as the API writes it (sorted keys, RFC 3339 instants).
    public func json() throws -> Data {
        try APIJSON.encoder.encode(self)
    }
}
