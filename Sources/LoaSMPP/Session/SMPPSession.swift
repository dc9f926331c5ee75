import Foundation
import LoaCore
import LoaProviders
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization

/// One SMPP 3.4 session with an SMSC, as an ESME: connects and binds (transceiver, or
/// transmitter + receiver), keeps the link alive with enquire_link, sends submit_sm through a
/// window, hands receipts and mobile-originated messages on, unbinds on shutdown, and
/// reconnects with backoff whenever the connection drops.
///
/// ``run()`` drives the link until graceful shutdown; ``submit(_:)`` sends one message.
final class SMPPSession: Sendable {
    let providerName: String
    let settings: SMPPSettings
    let ledger: SMPPPartLedger
    let receipts: any DeliveryReceiptSink
    let inbound: any InboundSink
    let logger: Logger
    let group: any EventLoopGroup
    let now: @Sendable () -> Date
    private let window: SMPPWindow
    /// deliver_sm not answered yet, taken in batches.
    private let deliveries: SMPPDeliverQueue
    private let state: Mutex<State>

    private struct State {
        var link: ProviderLink
        /// Where submit_sm go while bound.
        var transmitter: SMPPConnection?
        var connections: [SMPPConnection] = []
        /// Submissions waiting for a bind, by ticket.
        var bindWaiters: [Int: CheckedContinuation<SMPPConnection, any Error>] = [:]
        var nextTicket = 0
        /// No submit_sm before this, after the SMSC asked to slow down.
        var pausedUntil: NIODeadline = .distantPast
        var pauseSeconds: Double = 0
        var concatenationReference: UInt8 = 0
        var stopping = false
    }

    init(
        providerName: String, settings: SMPPSettings, ledger: SMPPPartLedger, receipts: any DeliveryReceiptSink,
        inbound: any InboundSink, logger: Logger, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.providerName = providerName
        self.settings = settings
        self.ledger = ledger
        self.receipts = receipts
        self.inbound = inbound
        self.logger = logger
        self.group = group
        self.now = now
        window = SMPPWindow(size: settings.window)
        deliveries = SMPPDeliverQueue(limit: settings.maxWaitingDeliveries)
        state = Mutex(State(link: ProviderLink(state: .connecting, since: now())))
    }

    /// The link's state now.
    var link: ProviderLink { state.withLock { $0.link } }

    private var timeout: TimeAmount { .milliseconds(Int64(settings.timeoutSeconds * 1000)) }

    // MARK: Running the link

    /// Connects, binds and serves until graceful shutdown (or cancellation), reconnecting with
    /// backoff; meanwhile hands over receipts the sink could not take at once.
    func run() async {
        await withTaskGroup(of: Void.self) { tasks in
            tasks.addTask { await self.handOverPendingReceipts() }
            await self.keepLinked()
            tasks.cancelAll()
        }
        failBindWaiters(SMPPLinkError.connectionLost("the gateway is shutting down"))
    }

    private func keepLinked() async {
        var backoff = settings.reconnectMinSeconds
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            setLink(.connecting, nil)
            do {
                let connections = try await connectAndBind()
                backoff = settings.reconnectMinSeconds
                let transmitter = connections.first { $0.role != "receiver" }
                let waiters = state.withLock { state in
                    state.connections = connections
                    state.transmitter = transmitter
                    state.link = ProviderLink(state: .bound, since: now())
                    defer { state.bindWaiters = [:] }
                    return Array(state.bindWaiters.values)
                }
                logger.info("smpp bound", metadata: ["provider": "\(providerName)", "smpp.bind": "\(settings.bind.rawValue)"])
                if let transmitter { waiters.forEach { $0.resume(returning: transmitter) } }
                let reason = await serve(connections)
                state.withLock { state in
                    state.connections = []
                    state.transmitter = nil
                }
                setLink(.disconnected, reason)
                logger.warning("smpp link down", metadata: ["provider": "\(providerName)", "reason": "\(reason)"])
            } catch let error as SMPPBindError {
                setLink(.bindFailed, error.description)
                logger.error("smpp bind refused", metadata: ["provider": "\(providerName)", "reason": "\(error)"])
                failBindWaiters(error)
            } catch {
                setLink(.disconnected, "\(error)")
                logger.warning("smpp connect failed", metadata: ["provider": "\(providerName)", "reason": "\(error)"])
                failBindWaiters(error)
            }
            guard !Task.isCancelled, !Task.isShuttingDownGracefully else { break }
            let pause = Duration.milliseconds(Int64(backoff * 1000))
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: pause) }
            backoff = min(backoff * 2, settings.reconnectMaxSeconds)
        }
    }

    private func setLink(_ linkState: ProviderLink.State, _ detail: String?) {
        let at = now()
        state.withLock { $0.link = ProviderLink(state: linkState, detail: detail, since: at) }
    }

    private func failBindWaiters(_ error: any Error) {
        let waiters = state.withLock { state in
            defer { state.bindWaiters = [:] }
            return Array(state.bindWaiters.values)
        }
        waiters.forEach { $0.resume(throwing: error) }
    }

    /// Opens and binds the connections `settings.bind` asks for; closes them all if one fails.
    private func connectAndBind() async throws -> [SMPPConnection] {
        let roles: [(String, SMPPCommandID)] = switch settings.bind {
        case .transceiver: [("transceiver", .bindTransceiver)]
        case .transmitterAndReceiver: [("transmitter", .bindTransmitter), ("receiver", .bindReceiver)]
        }
        var opened: [SMPPConnection] = []
        do {
            for (role, command) in roles {
                let connection = try await SMPPConnection.open(
                    host: settings.host, port: settings.port, role: role, maxPDULength: settings.maxPDULength,
                    connectTimeout: timeout, group: group) { [weak self] request, connection in
                    self?.handle(request, on: connection)
                }
                opened.append(connection)
                let bind = SMPPBind(systemID: settings.systemID, password: settings.password, systemType: settings.systemType)
                let answer = try await connection.request(command, body: .bind(bind), timeout: timeout)
                guard answer.command == command.response, answer.status == .ok else {
                    throw SMPPBindError(command: command, status: answer.status == .ok ? .bindFailed : answer.status)
                }
            }
            return opened
        } catch {
            opened.forEach { $0.close() }
            throw error
        }
    }

    /// Keeps the bound connections alive until one closes; unbinds on graceful shutdown and
    /// closes on cancellation. Returns why the link ended.
    private func serve(_ connections: [SMPPConnection]) async -> String {
        await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
                await withTaskGroup(of: Void.self) { tasks in
                    for connection in connections {
                        tasks.addTask { await connection.waitUntilClosed() }
                    }
                    tasks.addTask { await self.enquireLinks(connections) }
                    await tasks.next()
                    // One down is the link down: close the other (transmitter + receiver) and rebind.
                    connections.forEach { $0.close() }
                    tasks.cancelAll()
                }
                return connections.compactMap(\.closedReason).first ?? "the connection closed"
            } onGracefulShutdown: {
                self.unbind(connections)
            }
        } onCancel: {
            connections.forEach { $0.close() }
        }
    }

    /// Sends enquire_link every interval; a link that does not answer is closed.
    private func enquireLinks(_ connections: [SMPPConnection]) async {
        let interval = Duration.milliseconds(Int64(settings.enquireLinkIntervalSeconds * 1000))
        while !Task.isCancelled {
            do { try await Task.sleep(for: interval) } catch { return }
            for connection in connections {
                do {
                    _ = try await connection.request(.enquireLink, timeout: timeout)
                } catch {
                    logger.warning("smpp enquire_link unanswered", metadata: ["provider": "\(providerName)", "reason": "\(error)"])
                    connection.close()
                }
            }
        }
    }

    /// Unbinds each connection and closes it once the SMSC answers, closes the socket, or the
    /// timeout passes (some SMSCs close without unbind_resp).
    private func unbind(_ connections: [SMPPConnection]) {
        state.withLock { $0.stopping = true }
        for connection in connections {
            Task {
                _ = try? await connection.request(.unbind, timeout: self.timeout)
                connection.close()
            }
        }
    }

    // MARK: Requests from the SMSC

    private func handle(_ request: SMPPPDU, on connection: SMPPConnection) {
        switch request.command {
        case .enquireLink:
            connection.respond(to: request)
        case .unbind:
            connection.respond(to: request)
            connection.close()
        case .deliverSM:
            guard case let .shortMessage(message) = request.body else {
                connection.respond(to: request, status: .invalidMessageLength)
                return
            }
            switch deliveries.add(.init(message: message, request: request, connection: connection)) {
            case .refused:
                logger.debug("smpp deliver_sm refused: too many waiting", metadata: ["provider": "\(providerName)"])
                connection.respond(to: request, status: .temporaryApplicationError, body: .messageID(""))
            case .queued:
                break
            case .queuedFirst:
                Task { await self.takeDeliveries() }
            }
        default:
            connection.send(SMPPPDU(command: .genericNack, status: .invalidCommandID, sequenceNumber: request.sequenceNumber))
        }
    }

    /// Most deliver_sm taken in one batch.
    private static let deliveriesPerBatch = 500

    /// Takes waiting deliver_sm in batches until none waits: receipts and inbound messages are
    /// each answered only once committed where they go (a refusal asks the SMSC to send it
    /// again later, ESME_RX_T_APPN). The receipts of a batch are recorded in one ledger write,
    /// the messages they settle handed to the sink together, and noted as handed over after the
    /// answers (should that note be lost, ``handOverPendingReceipts()`` hands them over again,
    /// which the store applies once).
    private func takeDeliveries() async {
        while let batch = deliveries.take(max: Self.deliveriesPerBatch) {
            var statuses = [SMPPCommandStatus](repeating: .ok, count: batch.count)
            var reports: [(index: Int, report: SMPPDeliveryReport)] = []
            var inbound: [Int] = []
            for (index, item) in batch.enumerated() {
                if !item.message.isReport {
                    inbound.append(index)
                } else if let report = SMPPDeliveryReport(item.message) {
                    reports.append((index, report))
                } else {
                    logger.warning("smpp receipt without a message id", metadata: ["provider": "\(providerName)"])
                }
            }
            var settled: [(index: Int, message: SMPPSettledMessage)] = []
            do {
                let outcomes = try await ledger.recordReports(reports.map(\.report), at: now())
                for (taken, outcome) in zip(reports, outcomes) {
                    if case let .settled(message) = outcome { settled.append((taken.index, message)) }
                }
            } catch {
                logger.warning("smpp receipts not recorded", metadata: ["provider": "\(providerName)", "reason": "\(error)"])
                for taken in reports { statuses[taken.index] = .temporaryApplicationError }
            }
            // Receipts handed over concurrently share the store's group commit; inbound messages
            // go one after another, in the order the SMSC sent them.
            let refused = await withTaskGroup(of: [Int].self) { tasks in
                for (index, message) in settled {
                    tasks.addTask { (try? await self.receipts.deliver(message.receipt(provider: self.providerName))) == nil ? [index] : [] }
                }
                if !inbound.isEmpty {
                    let messages: [(index: Int, message: SMPPShortMessage)] = inbound.map { ($0, batch[$0].message) }
                    tasks.addTask { await self.receiveInbound(messages) }
                }
                return await tasks.reduce(into: Set<Int>()) { $0.formUnion($1) }
            }
            if !refused.isEmpty {
                logger.warning("smpp deliver_sm not taken", metadata: ["provider": "\(providerName)", "deliver_sm.count": "\(refused.count)"])
            }
            for index in refused { statuses[index] = .temporaryApplicationError }
            // One flush per connection (a transmitter + receiver pair has two).
            var answers: [ObjectIdentifier: (connection: SMPPConnection, answers: [(request: SMPPPDU, status: SMPPCommandStatus)])] = [:]
            for (item, status) in zip(batch, statuses) {
                answers[ObjectIdentifier(item.connection), default: (item.connection, [])].answers.append((item.request, status))
            }
            for (connection, answered) in answers.values {
                connection.respond(answered, body: .messageID(""))
            }
            try? await ledger.markHandedOver(settled.filter { !refused.contains($0.index) }.map(\.message))
        }
    }

    /// Hands `settled` to the sink, then notes it handed over.
    private func handOver(_ settled: SMPPSettledMessage) async throws {
        try await receipts.deliver(settled.receipt(provider: providerName))
        try await ledger.markHandedOver(settled)
    }

    /// A repeat of an inbound message (same fingerprint) within this many seconds of its first
    /// sight is taken as the SMSC sending it again, and stored once.
    static let inboundRepeatWindow: TimeInterval = 600

    /// Hands inbound messages to the sink one after another, each with the id its fingerprint
    /// gets (the same for a repeat); returns the indexes of those not taken.
    private func receiveInbound(_ messages: [(index: Int, message: SMPPShortMessage)]) async -> [Int] {
        guard !messages.isEmpty else { return [] }
        let ids: [String]
        do {
            ids = try await ledger.inboundIDs(messages.map { SMPPInboundFingerprint($0.message).value }, at: now(),
                                              repeatWindow: Self.inboundRepeatWindow)
        } catch {
            logger.warning("smpp inbound messages not fingerprinted", metadata: ["provider": "\(providerName)", "reason": "\(error)"])
            return messages.map(\.index)
        }
        var refused: [Int] = []
        for ((index, message), id) in zip(messages, ids) where (try? await receiveInbound(message, id: id)) == nil {
            refused.append(index)
        }
        return refused
    }

    private func receiveInbound(_ message: SMPPShortMessage, id: String) async throws {
        let body = message.shortMessage.isEmpty ? message.tlvs.first(tag: SMPPTLV.messagePayload)?.value ?? [] : message.shortMessage
        let text = SMPPInboundText.decode(body, dataCoding: message.dataCoding, hasHeader: message.esmClass & SMPPShortMessage.userDataHeaderIndicator != 0)
        let sender = message.source.allSatisfy(\.isNumber) && message.sourceTON == 1 ? "+" + message.source : message.source
        guard let from = try? PhoneNumber(parsing: sender, allowForeign: true) else {
            // Nothing can ever take it: acknowledged so the SMSC stops sending it.
            logger.warning("smpp inbound message from an address that is no phone number dropped", metadata: ["provider": "\(providerName)"])
            return
        }
        try await inbound.receive(InboundMessage(
            provider: providerName, providerMessageId: id, from: from, to: message.destination, text: text, receivedAt: now()))
    }

    /// Hands over, every few seconds, settled messages the sink refused when they settled; and
    /// prunes the ledger of what is a week old.
    private func handOverPendingReceipts() async {
        var lastPrune = Date.distantPast
        while !Task.isCancelled {
            if let pending = try? await ledger.pendingHandovers() {
                var handed: [SMPPSettledMessage] = []
                for settled in pending where (try? await receipts.deliver(settled.receipt(provider: providerName))) != nil {
                    handed.append(settled)
                }
                try? await ledger.markHandedOver(handed)
            }
            if now().timeIntervalSince(lastPrune) > 3600 {
                lastPrune = now()
                try? await ledger.prune(before: now().addingTimeInterval(-7 * 86_400))
            }
            do { try await Task.sleep(for: .seconds(5)) } catch { return }
        }
    }

    // MARK: Submitting

    /// Sends `request` as one submit_sm per part (or one with message_payload); returns the
    /// SMSC's id of the first part. Ends within ``SMPPSettings/submitTimeoutSeconds``.
    func submit(_ request: SubmitRequest) async throws(SubmitFailure) -> String {
        // The last moment a part may take a window slot: its answer then still comes within
        // the whole submission's time.
        let lastSlot = NIODeadline.now() + .milliseconds(Int64((settings.submitTimeoutSeconds - settings.timeoutSeconds) * 1000))
        let connection = try await boundTransmitter()
        let reference = state.withLock { state -> UInt8 in
            state.concatenationReference &+= 1
            return state.concatenationReference
        }
        let parts = SMPPTextParts(text: request.text, encoding: request.encoding, mode: settings.longMessages, reference: reference)
        let source = settings.sourceTON.map { ton in
            SMPPAddress(ton: ton, npi: settings.sourceNPI ?? 0, address: SMPPAddress.source(request.sender).address)
        } ?? SMPPAddress.source(request.sender)
        let destination = SMPPAddress.destination(e164: request.to.e164)
        var answered: [SMPPAnsweredPart] = []
        for (index, body) in parts.bodies.enumerated() {
            var message = SMPPShortMessage()
            message.sourceTON = source.ton
            message.sourceNPI = source.npi
            message.source = source.address
            message.destinationTON = destination.ton
            message.destinationNPI = destination.npi
            message.destination = destination.address
            message.esmClass = parts.esmClass
            message.registeredDelivery = 1
            message.dataCoding = parts.dataCoding
            if parts.inPayload {
                message.tlvs = [SMPPTLV(tag: SMPPTLV.messagePayload, value: body)]
            } else {
                message.shortMessage = body
            }
            do {
                let id = try await submitPart(message, on: connection, part: index + 1, of: parts.bodies.count, lastSlot: lastSlot)
                answered.append(SMPPAnsweredPart(smscID: id, messageID: request.messageId, attempt: request.attempt,
                                                 part: index + 1, count: parts.bodies.count))
            } catch {
                // The parts the SMSC took still get their receipts matched.
                await record(answered)
                throw error
            }
        }
        await record(answered)
        return answered.first?.smscID ?? ""
    }

    /// Records the parts the SMSC answered (one ledger write) and hands over a message that a
    /// report kept from before settled.
    private func record(_ answered: [SMPPAnsweredPart]) async {
        do {
            for settled in try await ledger.recordParts(answered, at: now()) {
                try? await handOver(settled)
            }
        } catch {
            // The SMSC has the parts; failing now would send them twice. Their receipts will not match.
            logger.error("smpp parts not recorded", metadata: [
                "provider": "\(providerName)", "message.id": "\(answered.first?.messageID ?? "-")", "reason": "\(error)",
            ])
        }
    }

    /// One submit_sm through the window, which it waits for until `lastSlot` at most (or until
    /// its task is cancelled); throttling answers are retried after a pause.
    private func submitPart(
        _ message: SMPPShortMessage, on connection: SMPPConnection, part: Int, of count: Int, lastSlot: NIODeadline
    ) async throws(SubmitFailure) -> String {
        var retries = 0
        while true {
            var unsent: String { count > 1 ? "part \(part) of \(count)" : "it" }
            guard await waitWhilePaused(lastSlot: lastSlot) else {
                let pause = state.withLock { $0.pauseSeconds }
                throw .transient("smpp_throttled", "the SMSC asked to slow down past the submission's \(settings.submitTimeoutSeconds)s; "
                                 + "\(unsent) was not sent", retryAfterSeconds: pause)
            }
            let windowed: SMPPPDU?
            do {
                windowed = try await window.request(.submitSM, body: .shortMessage(message), on: connection, timeout: timeout,
                                                    until: lastSlot, timedOn: group.next())
            } catch {
                let which = count > 1 ? " (part \(part) of \(count))" : ""
                switch error {
                case .timedOut:
                    throw .transient("smpp_timeout", "the SMSC did not answer submit_sm\(which) within \(settings.timeoutSeconds)s; it may have been sent")
                case .notConnected:
                    throw .transient("smpp_not_bound", "the SMPP connection had closed; submit_sm\(which) was not sent")
                case let .connectionLost(reason):
                    throw .transient("smpp_connection_lost", "the SMPP connection dropped before submit_sm\(which) was answered (\(reason)); it may have been sent")
                case let .malformedAnswer(fault):
                    throw .transient("smpp_malformed_answer", "the SMSC's answer to submit_sm\(which) was unreadable (\(fault)); it may have been sent")
                }
            }
            guard let answer = windowed else {
                throw .transient("smpp_window_full", "every window slot stayed taken (or the submission was cancelled) "
                                 + "within the submission's \(settings.submitTimeoutSeconds)s; \(unsent) was not sent")
            }
            if answer.status == .ok, answer.command == .submitSMResp {
                noteAccepted()
                if case let .messageID(id) = answer.body, !id.isEmpty { return id }
                throw .transient("smpp_no_message_id", "the SMSC accepted submit_sm without a message id")
            }
            if answer.status.asksToSlowDown {
                let pause = noteThrottled()
                if retries < settings.throttleRetries {
                    retries += 1
                    continue
                }
                throw .transient("smpp_throttled", "the SMSC asks to slow down: \(answer.status)", retryAfterSeconds: pause)
            }
            let what = answer.command == .genericNack ? "generic_nack" : "submit_sm_resp"
            if answer.status.isTransient {
                throw .transient("smpp_\(answer.status.rawValue)", "\(what) \(answer.status)")
            }
            throw .permanent("smpp_\(answer.status.rawValue)", "\(what) \(answer.status)")
        }
    }

    /// The transmitter once bound; waits up to the timeout for a bind in progress. A refused
    /// bind fails at once.
    private func boundTransmitter() async throws(SubmitFailure) -> SMPPConnection {
        do {
            return try await withCheckedThrowingContinuation { continuation in
                enum Ready { case connection(SMPPConnection), bindFailed(String), waiting(Int) }
                let ready = state.withLock { state -> Ready in
                    if state.link.state == .bound, let transmitter = state.transmitter { return .connection(transmitter) }
                    if state.link.state == .bindFailed { return .bindFailed(state.link.detail ?? "bind refused") }
                    state.nextTicket += 1
                    state.bindWaiters[state.nextTicket] = continuation
                    return .waiting(state.nextTicket)
                }
                switch ready {
                case let .connection(connection):
                    continuation.resume(returning: connection)
                case let .bindFailed(detail):
                    continuation.resume(throwing: SubmitFailure.transient("smpp_bind_failed", "the SMSC refused the bind: \(detail)"))
                case let .waiting(ticket):
                    group.next().scheduleTask(in: timeout) { [self] in
                        let waiter = state.withLock { $0.bindWaiters.removeValue(forKey: ticket) }
                        waiter?.resume(throwing: SMPPLinkError.timedOut)
                    }
                }
            }
        } catch let failure as SubmitFailure {
            throw failure
        } catch {
            throw .transient("smpp_not_bound", "no SMPP bind within \(settings.timeoutSeconds)s: \(link.detail ?? "\(error)")")
        }
    }

    /// Waits out a pause the SMSC asked for; false, at once, when it lasts past `lastSlot`.
    private func waitWhilePaused(lastSlot: NIODeadline) async -> Bool {
        let until = state.withLock { $0.pausedUntil }
        guard until <= lastSlot else { return false }
        let remaining = until - NIODeadline.now()
        guard remaining > .zero else { return true }
        try? await Task.sleep(for: .nanoseconds(remaining.nanoseconds))
        return true
    }

    /// Doubles the pause (from 100 ms, at most 10 s) and returns it in seconds.
    private func noteThrottled() -> Double {
        state.withLock { state in
            state.pauseSeconds = min(10, max(0.1, state.pauseSeconds * 2))
            state.pausedUntil = NIODeadline.now() + .milliseconds(Int64(state.pauseSeconds * 1000))
            return state.pauseSeconds
        }
    }

    private func noteAccepted() {
        state.withLock { $0.pauseSeconds = 0 }
    }
}
