import Foundation
import LoaPeers
import LoaTestSupport

/// Real Kannel (bearerbox with its store file, smsbox, fakesmsc as the SMSC) driven over its
/// HTTP `sendsms` interface by wrk (``WrkSendSMS``), measured the way Kannel is measured:
/// messages per second from the first request until fakesmsc has logged every part and wrk
/// has every answer, and the CPU time bearerbox plus smsbox spent meanwhile (only they:
/// neither wrk, nor fakesmsc, nor this process).
struct KannelBaseline {
    /// The texts, sent in turn.
    let texts: [BenchmarkText]
    let messageCount: Int
    /// wrk's connections and threads.
    let connections: Int
    let threads: Int
    let logLevel: Int

    /// sendsms credentials: `scripts/peers/kannel.sh`'s defaults.
    private static let username = "loa", password = "loa-secret"

    /// Starts Kannel in a new folder, sends every message and stops Kannel.
    func run() async throws -> KannelFigures {
        let folder = try TemporaryFolder(prefix: "loa-bench-kannel")
        let environment = [
            "KANNEL_LOG_LEVEL": String(logLevel), "KANNEL_USER": Self.username, "KANNEL_PASSWORD": Self.password,
            "KANNEL_ADMIN_PORT": String(try LoopbackPort.free()), "KANNEL_SMSBOX_PORT": String(try LoopbackPort.free()),
            "KANNEL_SENDSMS_PORT": String(try LoopbackPort.free()), "KANNEL_FAKESMSC_PORT": String(try LoopbackPort.free()),
        ]
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
        let expectedParts = (0..<messageCount).reduce(0) { $0 + texts[$1 % texts.count].parts }
        let fakeSMSC = FakeSMSCLog(path: folder.path("fakesmsc.log"))
        let alreadyLogged = try fakeSMSC.refresh()
        let wrk = WrkSendSMS(
            origin: "http://127.0.0.1:\(environment["KANNEL_SENDSMS_PORT"]!)", textsFile: textsFile, count: messageCount,
            threads: threads, connections: connections, username: Self.username, password: Self.password, folder: folder)

        let cpuBefore = try boxes.used()
        let start = ContinuousClock.now
        try wrk.start()
        let deadline = start + .seconds(600)
        while try fakeSMSC.refresh() - alreadyLogged < expectedParts || wrk.answered == nil {
            guard !wrk.hasExited else { throw BenchmarkError("wrk ended before every message was sent:\n\(wrk.output)") }
            guard ContinuousClock.now < deadline else {
                throw BenchmarkError("after 600 s fakesmsc has \(fakeSMSC.count - alreadyLogged) of \(expectedParts) parts:\n\(wrk.output)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        let elapsed = ContinuousClock.now - start
        let cpu = try boxes.used() - cpuBefore
        try await wrk.finish()
        return KannelFigures(messages: messageCount, parts: try fakeSMSC.refresh() - alreadyLogged, elapsed: elapsed, cpu: cpu)
    }
}
