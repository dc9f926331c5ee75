import Synchronization

/// An outcome decided once, by whichever of several parties comes first, and awaited by one
/// caller: the others find the decision made and their results are dropped.
final class OneShot<Value: Sendable>: Sendable {
    private enum Phase {
        /// Undecided; the caller is waiting once `caller` is set.
        case pending(caller: CheckedContinuation<Value, any Error>?)
        /// Decided; the caller has not asked yet.
        case decided(Result<Value, any Error>)
        /// Handed to the caller.
        case delivered
    }

    private let phase = Mutex(Phase.pending(caller: nil))

    /// Waits for the decision (at once when it is made already). One caller only.
    func value() async throws -> Value {
        try await withCheckedThrowingContinuation { (caller: CheckedContinuation<Value, any Error>) in
            let ready: Result<Value, any Error>? = phase.withLock { phase in
                switch phase {
                case .pending: phase = .pending(caller: caller); return nil
                case .decided(let result): phase = .delivered; return result
                case .delivered: preconditionFailure("one caller waits for a OneShot")
                }
            }
            if let ready { caller.resume(with: ready) }
        }
    }

    /// Decides `result` unless something was decided first; true when this decided.
    @discardableResult
    func resolve(_ result: Result<Value, any Error>) -> Bool {
        let (decided, caller): (Bool, CheckedContinuation<Value, any Error>?) = phase.withLock { phase in
            guard case .pending(let caller) = phase else { return (false, nil) }
            phase = caller == nil ? .decided(result) : .delivered
            return (true, caller)
        }
        caller?.resume(with: result)
        return decided
    }
}
