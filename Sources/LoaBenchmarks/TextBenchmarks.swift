import Foundation
import LoaCore
import LoaTemplates

/// Runs `body` repeatedly for about `seconds` and returns operations per second.
func measure(_ label: String, seconds: Double = 2, _ body: () -> Int) -> Double {
    let clock = ContinuousClock()
    var operations = 0
    let start = clock.now
    var elapsed = Duration.zero
    while elapsed < .milliseconds(Int(seconds * 1000)) {
        operations += body()
        elapsed = clock.now - start
    }
    let perSecond = Double(operations) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    print("\(label.padding(toLength: 58, withPad: " ", startingAt: 0)) \(String(format: "%12.0f", perSecond)) /s")
    return perSecond
}

/// Keeps results alive so the optimiser cannot drop the work.
nonisolated(unsafe) var sink = 0

func textBenchmarks() throws {
    print("one core, release build; target: ≥ 2,000,000 analyses/s (160 characters), ≥ 200,000 renders/s")
    let gsm = String(repeating: "Ho so cua ong Giang A Vang da co ket qua. ", count: 4).prefix(160)
    let mong = String("Nyob zoo Giang A Vang. Koj cov ntaub ntawv 000.00.00.H15-241130-0001 ua tiav lawm. Thov tuaj txais nyob Cong an xa Na U. Ua tsaug. Nyob zoo.".prefix(160))
    let vietnamese = String(String(repeating: "Hồ sơ của ông Giàng A Vảng đã có kết quả. ", count: 4).prefix(160))
    for (label, text) in [("analyse 160 GSM-7 characters (1 part)", String(gsm)), ("analyse 160 Mông RPA characters (1 part)", mong),
                          ("analyse 160 Vietnamese characters with marks (3 parts)", vietnamese)] {
        _ = measure(label) {
            for _ in 0..<1000 { sink &+= SMSText.analyse(text).segments }
            return 1000
        }
    }
    _ = measure("prepare 160 Vietnamese characters, policy auto") {
        for _ in 0..<1000 { sink &+= SMSText.prepare(vietnamese, policy: .auto).segments }
        return 1000
    }

    let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("templates")
    let catalog = try TemplateCatalog.load(from: templates)
    for locale in MessageLocale.supported {
        let variables = catalog.sampleVariables(for: .resultReady, locale: locale)
        _ = measure("render result_ready \(locale) (default policy, with analysis)") {
            for _ in 0..<100 { sink &+= (try? catalog.render(kind: .resultReady, locale: locale, variables: variables))?.analysis.segments ?? 0 }
            return 100
        }
    }
    print("(checksum \(sink))")
}
