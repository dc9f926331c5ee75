import Foundation
import LoaCore
import LoaProviderConformance
@testable import LoaProviders
import Logging
import ServiceLifecycle
import Synchronization

/// The sandbox for the conformance suite. The sandbox is its own peer: it is told how to answer
/// by its settings, so the rig starts a new one on the same report queue with other settings
/// (as an operator edits them and restarts Loa); restarting the peer is the same without the
/// change. Reports reach the sink the sandbox is given.
final class SandboxRig: ConformanceRig {
    static let unsupported: [ConformanceCase: String] = [.throttled: "the sandbox has no rate limit to reach"]

    let receipts = ReceiptRecorder()
    private let folder: URL
    private let queue: SandboxReceiptQueue
    private let state: Mutex<Running>

    /// The sandbox in use, what it is told, and the sandboxes before it (a submission may still
    /// finish on one after it was replaced).
    private struct Running {
        var sandbox: SandboxProvider
        var settings: SandboxSettings
        var group: ServiceGroup
        var task: Task<Void, Never>
        var earlier: [SandboxProvider] = []
    }

    private init(folder: URL, queue: SandboxReceiptQueue, settings: SandboxSettings) {
        self.folder = folder
        self.queue = queue
        let sandbox = SandboxProvider(name: "sandbox", settings: settings, receipts: queue, sink: receipts)
        let (group, task) = Self.run(sandbox)
        state = Mutex(Running(sandbox: sandbox, settings: settings, group: group, task: task))
    }

    /// Runs the sandbox as the gateway does, in a service group.
    private static func run(_ sandbox: SandboxProvider) -> (ServiceGroup, Task<Void, Never>) {
        var logger = Logger(label: "sandbox-conformance")
        logger.logLevel = .error
        let group = ServiceGroup(configuration: .init(services: [sandbox], logger: logger))
        return (group, Task { try? await group.run() })
    }

    /// Reports come a fifth of a second after the answer: after it, not long after it.
    private static let reportingAfterAnswer = SandboxSettings(receiptDelaySeconds: 0.2)

    static func start() async throws -> SandboxRig {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loa-sandbox-conformance-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let queue = try SandboxReceiptQueue(path: folder.appendingPathComponent("receipts.sqlite").path)
        return SandboxRig(folder: folder, queue: queue, settings: reportingAfterAnswer)
    }

    var provider: any SMSProvider { state.withLock { $0.sandbox } }

    func arrange(_ answer: PeerAnswer, for request: SubmitRequest) async throws -> SubmitRequest {
        switch answer {
        case .accept: await use(Self.reportingAfterAnswer)
        case .transient: await use(SandboxSettings(transientFailureRate: 1))
        case .permanent: await use(SandboxSettings(permanentFailureRate: 1))
        case .receiptBeforeAnswer: await use(SandboxSettings(receiptDelaySeconds: 0))
        case .duplicateReceipt:
            await use(Self.reportingAfterAnswer)
            // The store keeps the report but its answer is lost: the sandbox reports again.
            receipts.loseNextAnswer()
        case .throttled: throw ConformanceError("the sandbox cannot throttle")
        }
        return request
    }

    func waitForTaken(_ count: Int) async throws -> [PeerMessage] {
        let taken: @Sendable () -> [SandboxMessage] = { self.state.withLock { ($0.earlier + [$0.sandbox]).flatMap { $0.sentMessages() } } }
        _ = try await Waiting.until(seconds: 120) { taken().count >= count }
        return taken().map { PeerMessage(to: $0.to, text: $0.text) }
    }

    func waitForReceiptsSent(_ count: Int) async throws {
        guard try await receipts.wait(until: { $0.handOvers >= count }) else {
            throw ConformanceError("the sandbox handed over \(receipts.handOvers) of \(count) reports within two minutes")
        }
    }

    func restartPeer() async throws {
        await replace(with: state.withLock { $0.settings })
    }

    func stop() async throws {
        let (group, task) = state.withLock { ($0.group, $0.task) }
        await group.triggerGracefulShutdown()
        await task.value
        try? FileManager.default.removeItem(at: folder)
    }

    /// Restarts the sandbox with `settings` unless it already runs with them.
    private func use(_ settings: SandboxSettings) async {
        guard state.withLock({ $0.settings }) != settings else { return }
        await replace(with: settings)
    }

    /// Stops the sandbox and starts another on the same queue with `settings`.
    private func replace(with settings: SandboxSettings) async {
        let (oldGroup, oldTask) = state.withLock { ($0.group, $0.task) }
        await oldGroup.triggerGracefulShutdown()
        await oldTask.value
        let sandbox = SandboxProvider(name: "sandbox", settings: settings, receipts: queue, sink: receipts)
        let (group, task) = Self.run(sandbox)
        state.withLock { running in
            running = Running(sandbox: sandbox, settings: settings, group: group, task: task, earlier: running.earlier + [running.sandbox])
        }
    }
}
