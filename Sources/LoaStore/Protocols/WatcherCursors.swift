/// Where each dossier watcher stands: its (updated-at, id) cursor into its source table, how far
/// behind it is, and its last failure, kept with everything else so that every node and
/// `loa status` see the same.
///
/// ```swift
/// let cursor = try await store.watcherCursor(named: "motcua")          // nil: start from the beginning
/// try await store.recordWatcherStep(WatcherStep(name: "motcua", position: last, readThrough: horizon, changes: 12, at: Date()))
/// ```
public protocol WatcherCursors: Sendable {
    /// The cursor of watcher `name`; nil before its first step.
    func watcherCursor(named name: String) async throws -> WatcherCursor?

    /// Every watcher's cursor, by name.
    func watcherCursors() async throws -> [WatcherCursor]

    /// Records a step atomically as ``WatcherCursor/applying(_:)`` describes: position and
    /// `readThrough` move forward only, counts add up, the error is replaced.
    func recordWatcherStep(_ step: WatcherStep) async throws
}
