import LoaStore
import LoaWorker
import ServiceLifecycle

/// Wakes this node's dispatcher as soon as any node commits new messages, for stores that
/// announce them (PostgreSQL's `LISTEN/NOTIFY`); the dispatcher's poll stays the fallback.
struct NewMessageListener: Service {
    let store: any NewMessageNotifications
    let work: WorkSignal

    func run() async throws {
        let work = work
        try await cancelWhenGracefulShutdown {
            try await store.listenForNewMessages { work.signal() }
        }
    }
}
