/// A store that tells when other processes commit new messages, so that an idle dispatcher
/// wakes at once instead of at its next poll (PostgreSQL's `LISTEN/NOTIFY`). Optional: a
/// store without it (SQLite, one process) is only polled, and polling stays the fallback.
///
/// ```swift
/// if let notifying = store as? any NewMessageNotifications {
///     try await notifying.listenForNewMessages { dispatcher.work.signal() }   // until cancelled
/// }
/// ```
public protocol NewMessageNotifications: Sendable {
    /// Calls `wake` each time any process commits new messages, until the task is cancelled;
    /// reconnects by itself when the connection is lost.
    func listenForNewMessages(_ wake: @escaping @Sendable () -> Void) async throws
}
