public import Foundation

/// How far a dossier watcher (`watchers.<name>`) has read its source table, kept in Loa's own
/// store so that a restarted watcher resumes where it stopped.
///
/// The source is read in (updated-at, id) order; ``position`` is the last change turned into an
/// event, and ``readThrough`` the source-clock instant before which every committed change has
/// been read (what the lag in `loa status` counts from).
public struct WatcherCursor: Sendable, Equatable {
    /// The watcher's name (`watchers.<name>`), also the `source` of its events.
    public var name: String
    /// The last change read; nil before the first.
    public var position: WatcherPosition?
    /// Every change the source committed before this instant has been read; nil before the first read.
    public var readThrough: Date?
    /// Changes turned into events since the watcher first ran (accepted, duplicates and rejected).
    public var changes: Int
    /// Of those, how many the event rules rejected (logged with the row's id and the field).
    public var rejected: Int
    /// Why the last attempt to read the source failed; nil once a read succeeds again.
    public var lastError: String?
    /// When the cursor was last saved (this node's clock).
    public var savedAt: Date

    public init(name: String, position: WatcherPosition? = nil, readThrough: Date? = nil, changes: Int = 0, rejected: Int = 0, lastError: String? = nil, savedAt: Date) {
        self.name = name
        self.position = position
        self.readThrough = readThrough
        self.changes = changes
        self.rejected = rejected
        self.lastError = lastError
        self.savedAt = savedAt
    }

    /// How many seconds behind the source the watcher is at `now`: the age of ``readThrough``
    /// (nil before the first read).
    public func lagSeconds(now: Date) -> Double? {
        readThrough.map { max(0, now.timeIntervalSince($0)) }
    }

    /// The cursor after `step`, as every driver stores it: the position and `readThrough` only
    /// move forward (two nodes watching the same source may save out of order), the counts
    /// add up, and the error is replaced.
    public func applying(_ step: WatcherStep) -> WatcherCursor {
        var next = self
        if let position = step.position, self.position.map({ $0 < position }) ?? true {
            next.position = position
        }
        if let readThrough = step.readThrough, self.readThrough.map({ $0 < readThrough }) ?? true {
            next.readThrough = readThrough
        }
        next.changes += step.changes
        next.rejected += step.rejected
        next.lastError = step.error
        next.savedAt = step.at
        return next
    }
}

/// A change's place in a watched table: its updated-at (microseconds since 1970, as PostgreSQL
/// keeps it) and its id as text; ordered as the watcher reads (`ORDER BY updated_at, id COLLATE "C"`).
public struct WatcherPosition: Sendable, Equatable, Comparable {
    /// The change's updated-at, in microseconds since 1970-01-01T00:00:00Z.
    public var updatedAtMicros: Int64
    /// The row's id, as text.
    public var rowId: String

    public init(updatedAtMicros: Int64, rowId: String) {
        self.updatedAtMicros = updatedAtMicros
        self.rowId = rowId
    }

    /// Updated-at first, then the id byte by byte (PostgreSQL's `COLLATE "C"`).
    public static func < (lhs: WatcherPosition, rhs: WatcherPosition) -> Bool {
        if lhs.updatedAtMicros != rhs.updatedAtMicros { return lhs.updatedAtMicros < rhs.updatedAtMicros }
        return Array(lhs.rowId.utf8).lexicographicallyPrecedes(Array(rhs.rowId.utf8))
    }
}

/// One step of a watcher, recorded with ``WatcherCursors/recordWatcherStep(_:)``: changes read
/// up to a position, or a failure to read.
public struct WatcherStep: Sendable, Equatable {
    public var name: String
    /// The last change read in this step; nil when it read none.
    public var position: WatcherPosition?
    /// Every change committed before this instant has now been read; nil when unknown (a failure).
    public var readThrough: Date?
    /// Changes turned into events in this step.
    public var changes: Int
    /// Of those, rejected by the event rules.
    public var rejected: Int
    /// Why reading failed; nil for a successful step (which clears an earlier error).
    public var error: String?
    /// When (this node's clock).
    public var at: Date

    public init(name: String, position: WatcherPosition? = nil, readThrough: Date? = nil, changes: Int = 0, rejected: Int = 0, error: String? = nil, at: Date) {
        self.name = name
        self.position = position
        self.readThrough = readThrough
        self.changes = changes
        self.rejected = rejected
        self.error = error
        self.at = at
    }
}
