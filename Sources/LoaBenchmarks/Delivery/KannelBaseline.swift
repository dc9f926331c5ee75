import Foundation
import LoaPeers
import LoaTestSupport

/// Real Kannel (bearerbox with its store file, smsbox) driven over its HTTP `sendsms` interface
/// by wrk (``WrkSendSMS``), measured the way Kannel is measured: messages per second from the
/// first request until the SMSC had every part and wrk every answer, and the CPU time bearerbox
/// plus smsbox spent meanwhile (only they: neither wrk, nor the SMSC, nor this process).
///
/// The SMSC is fakesmsc, or with `smpp` an SMPP simulator of its own (``SimulatedSMSC``) bound
/// as a transceiver with `max-pending-submits` = `smpp.window`; then every message asks for a
/// delivery report (`dlr-mask` 1), and the run lasts until smsbox has called every `dlr-url`
/// back (``DeliveryReportSink``).
struct KannelBaseline {
    /// The texts, sent in turn.
    let texts: [BenchmarkText]
    let messageCount: Int
    /// wrk's connections and threads.
    let connections: Int
    let threads: Int
    let logLevel: Int
    /// The SMPP window when Kannel sends over SMPP, nil for fakesmsc.
    let smppWindow: Int?

    /// sendsms credentials: `scripts/peers/kannel.sh`'s defaults.
    private static let username = "loa", password = "loa-secret"

    /// Starts Kannel (and its SMSC) in a new folder, sends every message and stops Kannel.
    func run() async throws -> KannelFigures {
        let folder = try TemporaryFolder(prefix: "loa-bench-kannel")
        var smsc: SimulatedSMSC?, reports: DeliveryReportSink?
        if let smppWindow {
            smsc = try await SimulatedSMSC.start(texts: texts, window: smppWindow)
            reports = try await DeliveryReportSink.start()
        }
        var environment = [
            "KANNEL_LOG_LEVEL": String(logLevel), "KANNEL_USER": Self.username, "KANNEL_PASSWORD": Self.password,
            "KANNEL_ADMIN_PORT": String(try LoopbackPort.free()), "KANNEL_SMSBOX_PORT": String(try LoopbackPort.free()),
            "KANNEL_SENDSMS_PORT": String(try LoopbackPort.free()), "KANNEL_FAKESMSC_PORT": String(try LoopbackPort.free()),
        ]
        if let smsc, let smppWindow { environment.merge(["KANNEL_SMPP_PORT": String(smsc.port), "KANNEL_SMPP_WINDOW": String(smppWindow)]) { $1 } }
        try await KannelScript.run(["start", folder.url.path], repositoryRoot: LoaBinary.repositoryRoot, environment: environment)
        defer { try? KannelScript.run(["stop", folder.url.path], repositoryRoot: LoaBinary.repositoryRoot, environment: environment) }

        let boxes = ProcessCPU(processIdentifiers: try ["bearerbox", "smsbox"].map { box in
            let pidFile = folder.path("\(box).pid")
            guard let pid = (try? String(contentsOfFile: pidFile, encoding: .utf8)).flatMap({ Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }) else {
                throw BenchmarkError("kannel.sh left no process id in \(pidFile)")
            }
            return pid
        })
        let textsFile = folder.path("texts.txt")
        try texts.map(\.sendSMSLine).joined(separator: "\n").appending("\n").write(toFile: textsFile, atomically: true, encoding: .utf8)
        let expectedParts = BenchmarkText.parts(of: messageCount, texts: texts)
        let fakeSMSC = LogLineCounter(path: folder.path("fakesmsc.log"), needle: "Got message")
        let alreadyLogged = try fakeSMSC.refresh()
        let wrk = WrkSendSMS(
            origin: "http://127.0.0.1:\(environment["KANNEL_SENDSMS_PORT"]!)", textsFile: textsFile, count: messageCount,
            threads: threads, connections: connections, username: Self.username, password: Self.password,
            deliveryReportURL: reports?.url, folder: folder)

        let cpuBefore = try boxes.used()
        let smscCPUBefore = try smsc?.peerCPU?.used()
        let start = ContinuousClock.now
        try wrk.start()
        let submittedAt = try await waitUntil("the SMSC has every part and wrk every answer", timeout: .seconds(600)) { () -> ContinuousClock.Instant? in
            guard !wrk.hasExited else { throw BenchmarkError("wrk ended before every message was sent:\n\(wrk.output)") }
            guard wrk.answered != nil else { return nil }
            if let smsc { return try smsc.allSubmitted(messageCount) }
            return try fakeSMSC.refresh() - alreadyLogged >= expectedParts ? .now : nil
        }
        var deliveredAt: ContinuousClock.Instant?
        if let reports { deliveredAt = try await waitUntil("every delivery report called back") { reports.allCalledBack(messageCount) } }
        let elapsed = (deliveredAt ?? submittedAt) - start
        let cpu = try boxes.used() - cpuBefore
        let smscCPU = try smsc?.peerCPU.map { try $0.used() - (smscCPUBefore ?? .zero) }
        try await wrk.finish()
        let taken = try smsc?.taken() ?? (parts: try fakeSMSC.refresh() - alreadyLogged, messages: messageCount, receiptsAsked: 0)
        try await smsc?.stop()
        await reports?.stop()
        return KannelFigures(
            messages: taken.messages, parts: taken.parts, receiptsAsked: smsc == nil ? nil : taken.receiptsAsked, submittedIn: submittedAt - start,
            deliveredIn: deliveredAt.map { $0 - start }, cpu: cpu, smscCPU: smscCPU, elapsed: elapsed)
    }
}
