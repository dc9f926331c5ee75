import LoaCore
import LoaProviders
import Synchronization
import Testing

/// The checks of ``ConformanceCase``, played against one rig. Failures are recorded as issues
/// of the running test, each naming the rig and what it did instead.
struct ConformanceChecks<Rig: ConformanceRig>: Sendable {
    let rig: Rig
    /// The rig's name, first in every issue.
    let name: String

    func play(_ check: ConformanceCase) async throws {
        switch check {
        case .accepted: try await accepted()
        case .transient: _ = try await refusal(.transient, is: .transient)
        case .permanent: _ = try await refusal(.permanent, is: .permanent)
        case .unicode: try await arrivesUnchanged(ConformanceRequests.vietnamese, encoding: .ucs2)
        case .longMessage: try await arrivesUnchanged(ConformanceRequests.long, encoding: .ucs2)
        case .receiptMatched: try await receiptMatched()
        case .receiptBeforeAnswer: try await receiptBeforeAnswer()
        case .duplicateReceipt: try await duplicateReceipt()
        case .throttled: try await throttled()
        case .peerRestartedMidBatch: try await restartMidBatch()
        }
    }

    // MARK: - Submissions

    private func accepted() async throws {
        let request = try await rig.arrange(.accept, for: try ConformanceRequests.request(ConformanceRequests.plain))
        let id = try await submitted(request)
        #expect(!id.isEmpty, "\(name): the provider's id for an accepted message is empty")
        try await expectOnlyTaken(request)
    }

    private func arrivesUnchanged(_ text: String, encoding: SMSEncoding) async throws {
        let request = try await rig.arrange(.accept, for: try ConformanceRequests.request(text))
        #expect(request.encoding == encoding, "\(name): the text should need \(encoding)")
        if text == ConformanceRequests.long {
            #expect(request.segments > 1, "\(name): the long text should take several parts, not \(request.segments)")
        }
        _ = try await submitted(request)
        try await expectOnlyTaken(request)
    }

    /// Submits a message the peer is told to refuse with `answer`, expects a failure of `kind`,
    /// then a message it is told to accept: only that one reaches the peer.
    private func refusal(_ answer: PeerAnswer, is kind: SubmitFailure.Kind) async throws -> SubmitFailure? {
        let refused = try await rig.arrange(answer, for: try ConformanceRequests.request(ConformanceRequests.plain))
        let failure = await failure(of: refused)
        if let failure {
            #expect(failure.kind == kind, "\(name): a \(answer) should be a \(kind) failure, got \(failure)")
            #expect(!failure.code.isEmpty, "\(name): a failure needs a code, got \(failure)")
        } else {
            Issue.record("\(name): the peer was told to answer with a \(answer), yet the submission was accepted")
        }
        let next = try await rig.arrange(.accept, for: try ConformanceRequests.request("Lan sau: \(ConformanceRequests.plain)"))
        _ = try await submitted(next)
        try await expectOnlyTaken(next)
        return failure
    }

    private func throttled() async throws {
        let failure = try await refusal(.throttled, is: .transient)
        if let failure {
            #expect((failure.retryAfterSeconds ?? 0) > 0, "\(name): throttling should say how long to pause, got \(failure)")
        }
    }

    // MARK: - Receipts

    private func receiptMatched() async throws {
        let request = try await rig.arrange(.accept, for: try ConformanceRequests.request(ConformanceRequests.plain, attempt: 2))
        let id = try await submitted(request)
        let receipts = try await finalReceipts(about: request, providerMessageId: id)
        expectMatched(receipts, request: request, providerMessageId: id)
        // Reports may cross on the way (the store keeps states moving forward only).
        #expect(receipts.contains { $0.status == .delivered }, "\(name): the message should end delivered, receipts: \(receipts)")
        #expect(receipts.allSatisfy { $0.status == .delivered || $0.status == .accepted },
                "\(name): a delivered message is reported accepted or delivered, receipts: \(receipts)")
    }

    private func receiptBeforeAnswer() async throws {
        let request = try await rig.arrange(.receiptBeforeAnswer, for: try ConformanceRequests.request(ConformanceRequests.long))
        let id = try await submitted(request)
        let early = rig.receipts.all.filter { $0.messageId == request.messageId || $0.messageId == nil }
        #expect(!early.isEmpty, "\(name): the peer was told to report before answering, yet no receipt had come when the submission returned")
        let receipts = try await finalReceipts(about: request, providerMessageId: id)
        expectMatched(receipts, request: request, providerMessageId: id)
        #expect(receipts.contains { $0.status == .delivered }, "\(name): the message should end delivered, receipts: \(receipts)")
    }

    private func duplicateReceipt() async throws {
        let request = try await rig.arrange(.duplicateReceipt, for: try ConformanceRequests.request(ConformanceRequests.plain))
        let id = try await submitted(request)
        try await rig.waitForReceiptsSent(2)
        let receipts = rig.receipts.receipts(about: request, providerMessageId: id)
        expectMatched(receipts, request: request, providerMessageId: id)
        #expect((1...2).contains(receipts.count), "\(name): a receipt sent twice is passed on once or twice, got \(receipts)")
        #expect(receipts.first?.status == .delivered, "\(name): the receipt says delivered, got \(receipts)")
        if let first = receipts.first {
            for repeated in receipts.dropFirst() {
                // What the store recognises a repeat by.
                #expect(repeated.messageId == first.messageId && repeated.attempt == first.attempt
                            && repeated.providerMessageId == first.providerMessageId && repeated.status == first.status,
                        "\(name): a repeated receipt should read as the first: \(first) then \(repeated)")
            }
        }
    }

    /// Waits until a final receipt about `request` is in; returns every receipt about it.
    private func finalReceipts(about request: SubmitRequest, providerMessageId: String) async throws -> [DeliveryReceipt] {
        let recorder = rig.receipts
        let arrived = try await recorder.wait {
            $0.receipts(about: request, providerMessageId: providerMessageId).contains { $0.status.resultingState != nil }
        }
        let receipts = recorder.receipts(about: request, providerMessageId: providerMessageId)
        if !arrived {
            Issue.record("\(name): no final receipt for \(request.messageId) (\(providerMessageId)) within two minutes; all receipts: \(recorder.all), refused callbacks: \(recorder.refusals)")
        }
        return receipts
    }

    /// Every receipt names the provider and the message, by Loa's id (with the attempt) or the
    /// provider's; no callback was refused.
    private func expectMatched(_ receipts: [DeliveryReceipt], request: SubmitRequest, providerMessageId: String) {
        #expect(!receipts.isEmpty, "\(name): no receipt about \(request.messageId); all: \(rig.receipts.all)")
        for receipt in receipts {
            #expect(receipt.provider == rig.provider.name, "\(name): a receipt from \(receipt.provider)")
            #expect(receipt.messageId != nil || receipt.providerMessageId != nil, "\(name): a receipt naming no message: \(receipt)")
            #expect(receipt.messageId == nil || receipt.messageId == request.messageId, "\(name): \(receipt) is not about \(request.messageId)")
            #expect(receipt.attempt == nil || receipt.attempt == request.attempt, "\(name): \(receipt) is not about attempt \(request.attempt)")
            #expect(receipt.providerMessageId == nil || receipt.providerMessageId == providerMessageId,
                    "\(name): \(receipt) does not carry the id the submission was answered with, \(providerMessageId)")
        }
        #expect(rig.receipts.refusals.isEmpty, "\(name): callbacks refused: \(rig.receipts.refusals)")
    }

    // MARK: - Restart

    /// Plays the dispatcher over a batch: each message is submitted again after a transient
    /// failure until accepted. The first half goes at once, the second once the peer's restart
    /// has begun, so the batch surely spans it; the restart begins when a quarter is taken.
    private func restartMidBatch() async throws {
        let messages = 24
        let inDoubt = Shared(0)
        let restarting = Shared(false)
        var requests: [SubmitRequest] = []
        for index in 0..<messages {
            let request = try ConformanceRequests.request("Ho so \(index) da co ket qua", to: ConformanceRequests.batchRecipient(index))
            requests.append(try await rig.arrange(.accept, for: request))
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, request) in requests.enumerated() {
                group.addTask {
                    if index >= messages / 2 {
                        _ = try await Waiting.until(seconds: 300) { restarting.value }
                    }
                    for _ in 0..<2_000 {
                        guard let failure = await failure(of: request) else { return }
                        guard failure.kind == .transient else {
                            Issue.record("\(name): message \(index) failed for good across the restart: \(failure)")
                            return
                        }
                        if rig.isInDoubt(failure) { inDoubt.update { $0 += 1 } }
                        try await Task.sleep(for: .milliseconds(50))
                    }
                    Issue.record("\(name): message \(index) was never accepted after the restart")
                }
            }
            group.addTask {
                _ = try await rig.waitForTaken(messages / 4)
                restarting.update { $0 = true }
                try await rig.restartPeer()
            }
            try await group.waitForAll()
        }
        let taken = try await rig.waitForTaken(messages)
        var duplicates = 0
        for request in requests {
            let copies = taken.filter { $0.isAddressed(to: request.to.e164) }.count
            #expect(copies >= 1, "\(name): \(request.to.e164) never reached the peer: nothing may be lost")
            duplicates += max(0, copies - 1)
        }
        let doubtful = inDoubt.value
        #expect(duplicates <= doubtful, "\(name): \(duplicates) messages sent twice, but only \(doubtful) submissions were in doubt")
    }

    // MARK: - Helpers

    /// Submits `request`; a failure ends the check (the peer was told to accept).
    private func submitted(_ request: SubmitRequest) async throws -> String {
        do {
            return try await rig.provider.submit(request)
        } catch {
            throw ConformanceError("\(name): the peer was told to take \(request.messageId), yet the submission failed: \(error)")
        }
    }

    /// How submitting `request` failed; nil when it was accepted.
    private func failure(of request: SubmitRequest) async -> SubmitFailure? {
        do {
            _ = try await rig.provider.submit(request)
            return nil
        } catch {
            return error
        }
    }

    /// The peer took `request`, whole, and nothing else.
    private func expectOnlyTaken(_ request: SubmitRequest) async throws {
        let taken = try await rig.waitForTaken(1)
        #expect(taken == [PeerMessage(to: taken.first?.to ?? "", text: request.text)] && taken.first?.isAddressed(to: request.to.e164) == true,
                "\(name): the peer should have taken only \(request.to.e164): \(request.text)\nit took: \(taken)")
    }
}

/// A value shared by concurrent tasks.
final class Shared<Value: Sendable>: Sendable {
    private let state: Mutex<Value>
    init(_ value: Value) { state = Mutex(value) }
    var value: Value { state.withLock { $0 } }
    func update(_ change: (inout Value) -> Void) { state.withLock { change(&$0) } }
}
