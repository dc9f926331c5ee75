/// How long a dossier watcher waits before trying its source again after failures in a row:
/// half a second, doubling, at most `maxSeconds` (`watchers.<name>.maxBackoff`). A pure value.
struct WatcherBackoff: Sendable, Equatable {
    static let firstSeconds = 0.5

    let maxSeconds: Double

    /// The wait after `failures` failures in a row (1 or more).
    func seconds(afterFailures failures: Int) -> Double {
        let doublings = min(max(failures - 1, 0), 30)
        return min(maxSeconds, WatcherBackoff.firstSeconds * Double(1 << doublings))
    }
}
