import Foundation
import LoaCore
import LoaProviders
import LoaSMPP
import Logging
import ServiceLifecycle

/// An ``SMPPProvider`` running in a service group, as the gateway runs it.
struct RunningSMPP {
    let provider: SMPPProvider
    let group: ServiceGroup
    let task: Task<Void, any Error>
    let receipts: RecordingReceiptSink
    let inbound: RecordingInboundSink

    static func start(
        port: Int, ledgerPath: String, password: String = "any", bind: SMPPBindMode = .transceiver,
        timeoutSeconds: Double = 10, enquireLinkIntervalSeconds: Double = 30, longMessages: LongMessageMode = .udh, window: Int = 10,
        receipts: RecordingReceiptSink = RecordingReceiptSink(), sink: (any DeliveryReceiptSink)? = nil,
        inbound: RecordingInboundSink = RecordingInboundSink(), maxWaitingDeliveries: Int = 1_000
    ) throws -> RunningSMPP {
        var logger = Logger(label: "smpp-test")
        logger.logLevel = .error
        let settings = SMPPSettings(
            host: "127.0.0.1", port: port, systemID: "loa", password: password, window: window, bind: bind,
            enquireLinkIntervalSeconds: enquireLinkIntervalSeconds, timeoutSeconds: timeoutSeconds, longMessages: longMessages, reconnectMinSeconds: 0.2, reconnectMaxSeconds: 1,
            maxWaitingDeliveries: maxWaitingDeliveries)
        let provider = SMPPProvider(name: "smsc", settings: settings, ledger: try SMPPPartLedger(path: ledgerPath),
                                    receipts: sink ?? receipts, inbound: inbound, logger: logger)
        let group = ServiceGroup(configuration: .init(services: [provider], logger: logger))
        let task = Task { try await group.run() }
        return RunningSMPP(provider: provider, group: group, task: task, receipts: receipts, inbound: inbound)
    }

    /// Waits until the link is in `state` (safety net: 60 s).
    func waitForLink(_ state: ProviderLink.State) async throws -> ProviderLink {
        let clock = ContinuousClock()
        let end = clock.now + .seconds(60)
        while clock.now < end, provider.link.state != state {
            try await Task.sleep(for: .milliseconds(20))
        }
        return provider.link
    }

    /// Unbinds and stops.
    func stop() async throws {
        await group.triggerGracefulShutdown()
        try await task.value
    }
}

extension SubmitRequest {
    /// A request for tests.
    static func test(_ id: String, to number: String = "+84912345678", text: String, attempt: Int = 1) throws -> SubmitRequest {
        let analysis = SMSText.analyse(text)
        return SubmitRequest(messageId: id, attempt: attempt, to: try PhoneNumber(parsing: number), text: text,
                             encoding: analysis.encoding, segments: analysis.segments, sender: "UBND-XA", kind: .resultReady)
    }
}
