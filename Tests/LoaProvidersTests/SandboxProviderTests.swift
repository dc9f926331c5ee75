import Foundation
import LoaCore
@testable import LoaProviders
import Synchronization
import Testing

/// The sandbox keeps the reports it owes across Loa's restarts.
@Suite("Sandbox provider")
struct SandboxProviderTests {
    /// Collects what it is given; refuses while `refusing` is set.
    final class Sink: DeliveryReceiptSink {
        private let state = Mutex((received: [DeliveryReceipt](), refusing: false))
        var received: [DeliveryReceipt] { state.withLock { $0.received } }
        func refuse(_ refusing: Bool) { state.withLock { $0.refusing = refusing } }
        func deliver(_ receipt: DeliveryReceipt) async throws {
            try state.withLock { state in
                if state.refusing { throw CancellationError() }
                state.received.append(receipt)
            }
        }
    }

    /// A clock the test moves.
    final class Clock: Sendable {
        private let current = Mutex(Date(timeIntervalSince1970: 1_796_000_000))
        var now: Date { current.withLock { $0 } }
        func advance(_ seconds: Double) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
    }

    static func request(_ id: String) throws -> SubmitRequest {
        SubmitRequest(messageId: id, attempt: 1, to: try PhoneNumber(parsing: "0912345678"), text: "Ho so da co ket qua", encoding: .gsm7, segments: 1, sender: "Loa", kind: .resultReady)
    }

    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("loa-sandbox-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("reports scheduled before a kill come from the next sandbox on the same queue, once")
    func reportsSurviveRestart() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("queue").path
        let clock = Clock()
        let settings = SandboxSettings(receiptDelaySeconds: 60)
        let before = Sink()
        let killed = SandboxProvider(name: "sandbox", settings: settings, receipts: try SandboxReceiptQueue(path: path), sink: before, now: { clock.now })
        var ids: [String] = []
        for message in ["m1", "m2", "m3"] {
            ids.append(try await killed.submit(Self.request(message)))
        }
        #expect(before.received.isEmpty)

        // A kill -9 closes nothing and flushes nothing: the first sandbox is left as it is, and a
        // second one opens the same file, as the restarted process would.
        let after = Sink()
        let restarted = SandboxProvider(name: "sandbox", settings: settings, receipts: try SandboxReceiptQueue(path: path), sink: after, now: { clock.now })
        await restarted.deliverDueReceipts()
        #expect(after.received.isEmpty, "not due yet")
        clock.advance(60)
        await restarted.deliverDueReceipts()
        #expect(after.received.map(\.providerMessageId) == ids)
        #expect(after.received.allSatisfy { $0.status == .delivered && $0.provider == "sandbox" && $0.receivedAt == clock.now })
        #expect(restarted.sentMessages().isEmpty, "the log of what was sent is the first process's, and went with it")

        // Delivered reports are forgotten: neither sandbox nor a third one sends them again.
        await restarted.deliverDueReceipts()
        await killed.deliverDueReceipts()
        let third = SandboxProvider(name: "sandbox", settings: settings, receipts: try SandboxReceiptQueue(path: path), sink: after, now: { clock.now })
        await third.deliverDueReceipts()
        #expect(after.received.count == 3)
        #expect(before.received.isEmpty)
        withExtendedLifetime(killed) {}
    }

    @Test("a report the sink refuses stays queued and comes a second later")
    func refusedReportIsKept() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let clock = Clock()
        let sink = Sink()
        let sandbox = SandboxProvider(
            name: "sandbox", settings: SandboxSettings(receiptDelaySeconds: 1),
            receipts: try SandboxReceiptQueue(path: folder.appendingPathComponent("queue").path), sink: sink, now: { clock.now })
        let id = try await sandbox.submit(Self.request("m1"))
        clock.advance(1)
        sink.refuse(true)
        await sandbox.deliverDueReceipts()
        sink.refuse(false)
        await sandbox.deliverDueReceipts()
        #expect(sink.received.isEmpty, "postponed by a second")
        clock.advance(1)
        await sandbox.deliverDueReceipts()
        #expect(sink.received.map(\.providerMessageId) == [id])
    }

    @Test("with no delay, a report the sink cannot take at once is queued, not lost")
    func immediateReportKeptWhenRefused() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let clock = Clock()
        let sink = Sink()
        let sandbox = SandboxProvider(
            name: "sandbox", settings: SandboxSettings(receiptDelaySeconds: 0),
            receipts: try SandboxReceiptQueue(path: folder.appendingPathComponent("queue").path), sink: sink, now: { clock.now })
        sink.refuse(true)
        let id = try await sandbox.submit(Self.request("m1"))
        #expect(sink.received.isEmpty)
        sink.refuse(false)
        await sandbox.deliverDueReceipts()
        #expect(sink.received.map(\.providerMessageId) == [id])
    }
}
