import Foundation
import LoaCore
import LoaPeers
import LoaTestSupport
import LoaTemplates

/// Loa side by side with real Kannel, `--runs` rounds of each, reported as medians.
///
/// Each round runs Loa (``LoaRound``: `--events` events through the real `loa serve`, delivery
/// reports included; on SQLite, or with `--database postgres [--nodes N]` on a PostgreSQL
/// cluster of its own shared by N nodes, PostgreSQL's CPU counted with Loa's) and then Kannel (``KannelBaseline``: as many messages with the same texts,
/// driven by wrk). With `--provider kannel` (the default) Loa sends through its Kannel adapter to
/// a Kannel stand-in and Kannel to fakesmsc; with `--provider smpp` both send over SMPP, each to
/// an smpp34 simulator of its own (``SimulatedSMSC``) with the same `--window`, both with delivery
/// receipts. For both it prints messages per second and the CPU time per message of the system
/// under test only (`loa serve`; bearerbox plus smsbox), the figure that survives a noisy shared
/// machine; then the ratios of the medians. Over SMPP with `--ingest-apart` each round also runs
/// Loa with ingest apart from sending (``LoaRound/ingestThenSend(eventCount:)``): Kannel's figure
/// has no ingest in it. With Kannel stand-ins, the last round also paces
/// `--rate` events per second for `--seconds` through Loa for the latency from the `202` to the
/// provider.
struct DeliveryBenchmark {
    let options: BenchmarkOptions

    func run() async throws {
        let eventCount = options.int("events", default: 20_000)
        let runs = max(1, options.int("runs", default: 3))
        let provider = options.string("provider", default: "kannel")
        guard ["kannel", "smpp"].contains(provider) else { throw BenchmarkError("--provider is kannel or smpp, not \(provider)") }
        let smppWindow = provider == "smpp" ? options.int("window", default: 10) : nil
        let pacing = Pacing(rate: options.int("rate", default: 1000), seconds: options.int("seconds", default: 10))
        let database = try RoundDatabase(options: options)
        print("loa-bench delivery: \(runs) rounds of \(eventCount) messages through Loa (\(database.system)), then Kannel, "
              + (smppWindow.map { "both over SMPP (window \($0)) to an smpp34 simulator each" } ?? "through a Kannel stand-in and fakesmsc; "
                 + "then \(pacing.rate) events/s for \(pacing.seconds) s through Loa") + "; \(ProcessInfo.processInfo.activeProcessorCount) cores")
        let texts = try BenchmarkText.resultReady()
        let kannel = try await kannelBaseline(texts: texts, messageCount: eventCount, smppWindow: smppWindow)

        var loaRounds: [LoaFigures] = [], kannelRounds: [KannelFigures] = [], apartRounds: [IngestApartFigures] = []
        let ingestApart = options.has("ingest-apart")
        guard !ingestApart || (smppWindow != nil && database.nodeCount == 1) else {
            throw BenchmarkError("--ingest-apart is for --provider smpp on one node")
        }
        for round in 1...runs {
            print("round \(round) of \(runs)")
            if let smppWindow {
                loaRounds.append(try await smppRound(texts: texts, window: smppWindow, eventCount: eventCount))
                if ingestApart { apartRounds.append(try await smppIngestApartRound(texts: texts, window: smppWindow, eventCount: eventCount)) }
            } else {
                loaRounds.append(try await kannelStandInRound(eventCount: eventCount, pacing: round == runs ? pacing : nil))
            }
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
                     + "%@ CPU %4.0f µs/message (ingest, sending and the delivery report)",
                     loaRounds.map(\.acceptedPerSecond).median, loaSubmitted, loaDelivered, database.system, loaCPU))
        if !apartRounds.isEmpty {
            print(String(format: "  Loa, ingest apart: ingest alone %6.0f events/s, %4.0f µs/message; sending alone %6.0f messages submitted /s, "
                         + "delivered %6.0f /s, %4.0f µs/message (sending and the receipts)",
                         apartRounds.map(\.acceptedPerSecond).median, apartRounds.map(\.ingestMicrosecondsPerMessage).median,
                         apartRounds.map(\.submittedPerSecond).median, apartRounds.map(\.deliveredPerSecond).median,
                         apartRounds.map(\.sendingMicrosecondsPerMessage).median))
        }
        guard !kannelRounds.isEmpty else { return }
        let kannelSubmitted = kannelRounds.map(\.submittedPerSecond).median, kannelCPU = kannelRounds.map(\.cpuMicrosecondsPerMessage).median
        let kannelDelivered = kannelRounds.compactMap(\.deliveredPerSecond).median
        print(String(format: "  Kannel: messages submitted %6.0f /s from sendsms to the SMSC", kannelSubmitted)
              + (smppWindow == nil ? "" : String(format: ", delivered %6.0f /s (dlr-url called back)", kannelDelivered))
              + String(format: "; bearerbox + smsbox CPU %4.0f µs/message", kannelCPU) + (smppWindow == nil ? " (no delivery reports)" : ""))
        if smppWindow == nil {
            print(String(format: "ratio Loa / Kannel messages/s: submitted %.2f, delivered %.2f (stricter: Kannel's run has no delivery reports)",
                         loaSubmitted / kannelSubmitted, loaDelivered / kannelSubmitted))
        } else {
            print(String(format: "ratio Loa / Kannel messages/s: submitted %.2f, delivered %.2f", loaSubmitted / kannelSubmitted, loaDelivered / kannelDelivered))
        }
        print(String(format: "ratio Kannel CPU per message / Loa CPU per message: %.2f", kannelCPU / loaCPU))
    }

    /// One round of Loa through a Kannel stand-in; `pacing` afterwards when given.
    private func kannelStandInRound(eventCount: Int, pacing: Pacing?) async throws -> LoaFigures {
        let round = try await LoaRound.start(options: options, providers: try await KannelStandIns.start(options: options))
        let figures = try await round.burst(eventCount: eventCount)
        print("  Loa:    \(figures.summary)")
        if let pacing { try await round.pace(pacing) }
        try await round.stop()
        return figures
    }

    /// One round of Loa over SMPP to a simulator of its own; prints what the simulator took.
    private func smppRound(texts: [BenchmarkText], window: Int, eventCount: Int) async throws -> LoaFigures {
        let round = try await LoaRound.start(options: options, providers: try await SimulatedSMSC.start(texts: texts, window: window))
        let figures = try await round.burst(eventCount: eventCount)
        let taken = try round.providers.taken()
        print("  Loa:    \(figures.summary); the SMSC took \(taken.parts) submit_sm for \(taken.messages) messages, "
              + "\(taken.receiptsAsked) asking for a receipt, acknowledged \(try round.providers.receiptsAcknowledged()) receipts")
        try await round.stop()
        return figures
    }

    /// One round of Loa over SMPP with ingest apart from sending (``LoaRound/ingestThenSend(eventCount:)``),
    /// to a simulator of its own.
    private func smppIngestApartRound(texts: [BenchmarkText], window: Int, eventCount: Int) async throws -> IngestApartFigures {
        let round = try await LoaRound.start(options: options, providers: try await SimulatedSMSC.start(texts: texts, window: window), worker: false)
        let figures = try await round.ingestThenSend(eventCount: eventCount)
        print("  Loa, ingest apart: \(figures.summary)")
        try await round.stop()
        return figures
    }

    /// Kannel with the texts Loa sends, or nil with the reason printed when it is skipped
    /// (`--no-kannel`) or cannot be installed.
    private func kannelBaseline(texts: [BenchmarkText], messageCount: Int, smppWindow: Int?) async throws -> KannelBaseline? {
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
            texts: texts, messageCount: messageCount, connections: max(threads, options.int("kannel-clients", default: 64)),
            threads: threads, logLevel: options.int("kannel-log-level", default: 2), smppWindow: smppWindow)
    }
}
