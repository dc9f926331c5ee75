import NIOCore
import Synchronization

extension SMPPWindow {
    /// Sends a request on `connection` once it holds a slot of this window, and waits for its
    /// answer; the slot is given back as the answer arrives (or the request fails). A slot
    /// freed by another answer is handed to the longest waiter on the event loop that read
    /// it, where its PDU is written straight away (flushed with the other answers' followers
    /// when the read ends). Nil, with nothing sent, when no slot came by `deadline` or the
    /// task was cancelled while it waited.
    func request(
        _ command: SMPPCommandID, body: SMPPBody, on connection: SMPPConnection, timeout: TimeAmount, until deadline: NIODeadline,
        timedOn eventLoop: any EventLoop
    ) async throws(SMPPLinkError) -> SMPPPDU? {
        let ticket = Mutex<Int?>(nil)
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<SMPPPDU, SMPPLinkError>?, Never>) in
                let id = take(until: deadline, on: eventLoop) { [self] granted in
                    guard granted else {
                        continuation.resume(returning: nil)
                        return
                    }
                    connection.start(command, body: body, timeout: timeout, onFinish: { self.release() }) { result in
                        continuation.resume(returning: result)
                    }
                }
                ticket.withLock { $0 = id }
                // Cancelled before the ticket was known: the handler found nothing to give up.
                if Task.isCancelled { giveUp(id) }
            }
        } onCancel: {
            if let id = ticket.withLock({ $0 }) { giveUp(id) }
        }
        return try result?.get()
    }
}
