import Foundation
import LoaCore
import LoaStore
import Testing

/// Dossier watchers' cursors: kept per watcher, moved forward only, with their lag and failures.
extension StoreConformance {
    static let watcherCases: [StoreConformance] = [
        StoreConformance(name: "a watcher cursor is kept exactly, moves forward only and counts its changes", check: watcherCursorMovesForwardOnly),
        StoreConformance(name: "a watcher failure is kept until the next good step; watchers are independent", check: watcherFailureIsKeptUntilNextStep),
    ]

    static func watcherCursorMovesForwardOnly(_ store: any Store) async throws {
        let empty = try await store.watcherCursor(named: "motcua")
        #expect(empty == nil)
        // Microseconds and ids as text survive as they are, with a non-ASCII id.
        let first = WatcherPosition(updatedAtMicros: 1_764_900_000_123_457, rowId: "hồ-sơ-10")
        let readThrough = Date(epochMilliseconds: 1_764_900_001_000)
        try await store.recordWatcherStep(WatcherStep(name: "motcua", position: first, readThrough: readThrough, changes: 3, rejected: 1, at: Fixtures.now))
        let kept = try #require(try await store.watcherCursor(named: "motcua"))
        #expect(kept == WatcherCursor(name: "motcua", position: first, readThrough: readThrough, changes: 3, rejected: 1, savedAt: Fixtures.now))

        // A step behind it (another node saving late) adds its counts but leaves the position.
        let behind = WatcherPosition(updatedAtMicros: first.updatedAtMicros, rowId: "hồ-sơ-1")
        #expect(behind < first)
        try await store.recordWatcherStep(WatcherStep(
            name: "motcua", position: behind, readThrough: readThrough.addingTimeInterval(-5), changes: 2, at: Fixtures.now.addingTimeInterval(1)))
        let afterLate = try #require(try await store.watcherCursor(named: "motcua"))
        #expect(afterLate.position == first)
        #expect(afterLate.readThrough == readThrough)
        #expect(afterLate.changes == 5)
        #expect(afterLate.rejected == 1)

        // The same updated-at with a greater id moves it; so does a later updated-at.
        let next = WatcherPosition(updatedAtMicros: first.updatedAtMicros, rowId: "hồ-sơ-2")
        try await store.recordWatcherStep(WatcherStep(name: "motcua", position: next, readThrough: readThrough.addingTimeInterval(1), changes: 1, at: Fixtures.now))
        let moved = try await store.watcherCursor(named: "motcua")
        #expect(moved?.position == next)
        #expect(moved?.readThrough == readThrough.addingTimeInterval(1))
        #expect(moved?.lagSeconds(now: readThrough.addingTimeInterval(11)) == 10)
    }

    static func watcherFailureIsKeptUntilNextStep(_ store: any Store) async throws {
        let position = WatcherPosition(updatedAtMicros: 5, rowId: "7")
        try await store.recordWatcherStep(WatcherStep(name: "b-source", position: position, readThrough: Fixtures.now, changes: 1, at: Fixtures.now))
        try await store.recordWatcherStep(WatcherStep(name: "b-source", error: "the source is unreachable", at: Fixtures.now.addingTimeInterval(30)))
        try await store.recordWatcherStep(WatcherStep(name: "a-source", error: "the source is unreachable", at: Fixtures.now))
        let failing = try await store.watcherCursors()
        #expect(failing.map(\.name) == ["a-source", "b-source"])
        #expect(failing[0].position == nil)
        #expect(failing[0].readThrough == nil)
        #expect(failing[1].position == position)
        #expect(failing[1].lastError == "the source is unreachable")
        #expect(failing[1].changes == 1)

        try await store.recordWatcherStep(WatcherStep(name: "b-source", readThrough: Fixtures.now.addingTimeInterval(60), at: Fixtures.now.addingTimeInterval(61)))
        let recovered = try #require(try await store.watcherCursor(named: "b-source"))
        #expect(recovered.lastError == nil)
        #expect(recovered.position == position)
        #expect(recovered.readThrough == Fixtures.now.addingTimeInterval(60))
        #expect(try await store.watcherCursor(named: "a-source")?.lastError == "the source is unreachable")
    }
}
