import Foundation
import LoaCore
import LoaPeers
import LoaTestSupport
import LoaTemplates

/// Loa side by side with real Kannel, `--runs` rounds of each, reported as medians.
///
/// Each round runs Loa (``LoaRound``: `--events` events through the real `loa serve` to a
/// Kannel stand-in, delivery reports included) and then Kannel (``KannelBaseline``: as many
/// messages with the same texts, driven by wrk). For both it prints messages per second and
/// the CPU time per message of the system under test only (`loa serve`; bearerbox plus
/// smsbox), the figure that survives a noisy shared machine; then the ratios of the medians.
/// The last round also paces `--rate` events per second for `--seconds` through Loa for the
/// latency from the `202` to the provider.
struct DeliveryBenchmark {
    let options: BenchmarkOptions

    func run() async throws {
        let eventCount = options.int("events", default: 20_000)
        let runs = max(1, options.int("runs", default: 3))
        let pacing = LoaRound.Pacing(rate: options.int("rate", default: 1000), seconds: options.int("seconds", default: 10))
        print("loa-bench delivery: \(runs) rounds of \(eventCount) messages through Loa, then Kannel; "
              + "then \(pacing.rate) events/s for \(pacing.seconds) s through Loa; \(ProcessInfo.processInfo.activeProcessorCount) cores")
        let kannel = try await kannelBaseline(messageCount: eventCount)

        var loaRounds: [LoaFigures] = [], kannelRounds: [KannelFigures] = []
        for round in 1...runs {
            print("round \(round) of \(runs)")
            let loaRound = try await LoaRound.start(options: options)
            let loa = try await loaRound.burst(eventCount: eventCount)
            loaRounds.append(loa)
            print("  Loa:    \(loa.summary)")
            if round == runs { try await loaRound.pace(pacing) }
            try await loaRound.stop()
            if let kannel {
                let figures = try await kannel.run()
                kannelRounds.append(figures)
                print("  Kannel: \(figures.summary)")
            }
        }

        let loaSubmitted = loaRounds.map(\.submittedPerSecond).median, loaDelivered = loaRounds.map(\.deliveredPerSecond).median
        let loaCPU = loaRounds.map(\.cpuMicrosecondsPerMessage).median
        print("medians of \(runs) rounds of \(eventCount) messages:")
        print(String(format: "  Loa:    events accepted %6.0f /s, messages submitted %6.0f /s, delivered %6.0f /s; "
                     + "loa serve CPU %4.0f µs/message (ingest, sending and the delivery report)",
                     loaRounds.map(\.acceptedPerSecond).median, loaSubmitted, loaDelivered, loaCPU))
        guard !kannelRounds.isEmpty else { return }
        let kannelPerSecond = kannelRounds.map(\.messagesPerSecond).median, kannelCPU = kannelRounds.map(\.cpuMicrosecondsPerMessage).median
        print(String(format: "  Kannel: messages %6.0f /s from sendsms to the SMSC; bearerbox + smsbox CPU %4.0f µs/message (no delivery reports)",
                     kannelPerSecond, kannelCPU))
        print(String(format: "ratio Loa / Kannel messages/s: submitted %.2f, delivered %.2f (stricter: Kannel's run has no delivery reports)",
                     loaSubmitted / kannelPerSecond, loaDelivered / kannelPerSecond))
        print(String(format: "ratio Kannel CPU per message / Loa CPU per message: %.2f", kannelCPU / loaCPU))
    }

    /// Kannel with the texts Loa sends, or nil with the reason printed when it is skipped
    /// (`--no-kannel`) or cannot be installed.
    private func kannelBaseline(messageCount: Int) async throws -> KannelBaseline? {
        guard !options.has("no-kannel") else { return nil }
        do {
            if !KannelScript.isInstalled { try await KannelScript.run(["install"], repositoryRoot: LoaBinary.repositoryRoot) }
            if !WrkSendSMS.isInstalled { try await KannelScript.run(["install-wrk"], repositoryRoot: LoaBinary.repositoryRoot) }
        } catch {
            print("Kannel or wrk is missing and could not be installed (scripts/peers/kannel.sh install, install-wrk): no ratio\n\(error)")
            return nil
        }
        let threads = options.int("wrk-threads", default: 1)
        return KannelBaseline(
            texts: try sameTexts(), messageCount: messageCount, connections: max(threads, options.int("kannel-clients", default: 64)),
            threads: threads, logLevel: options.int("kannel-log-level", default: 2))
    }

    /// The texts Loa sends (result ready, alternating vi and hmn), rendered from the templates.
    private func sameTexts() throws -> [BenchmarkText] {
        let catalog = try TemplateCatalog.load(from: LoaBinary.repositoryRoot.appendingPathComponent("templates"))
        return try [MessageLocale.vietnamese, .hmong].map { locale in
            BenchmarkText(try catalog.render(kind: .resultReady, locale: locale, variables: catalog.sampleVariables(for: .resultReady, locale: locale)))
        }
    }
}
