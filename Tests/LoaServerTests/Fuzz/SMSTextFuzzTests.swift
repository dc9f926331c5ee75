import LoaCore
import LoaTestSupport
import Testing

/// Property-based fuzzing of what every name and note goes through before it is sent:
/// `SMSText.prepare` with each encoding policy, on text from every corner of Unicode that text
/// handling gets wrong (controls, combining marks, joiners, variation selectors, tags, flags,
/// right-to-left scripts). Nothing traps; the parts put back together are the text; no part is
/// larger than a part may be unless it is one character.
@Suite("Fuzz: SMS text preparation")
struct SMSTextFuzzTests {
    @Test("any text: no trap, parts join back to the text, each part within its encoding's capacity")
    func anyText() {
        let run = FuzzRun("sms-text", defaultSeed: 160, defaultIterations: 1500)
        var generator = run.generator()
        let inputs = EventInputs(procedures: [], communes: [])
        var failures = 0
        for iteration in 0..<run.iterations {
            let text = inputs.randomText(using: &generator)
            for policy in EncodingPolicy.allCases {
                let analysis = SMSText.prepare(text, policy: policy)
                var problems: [String] = []
                if analysis.parts.joined() != analysis.text { problems.append("the parts do not join back") }
                if analysis.segments != max(1, analysis.parts.count) { problems.append("\(analysis.segments) segments for \(analysis.parts.count) parts") }
                // 3GPP TS 23.038/23.040: 160 septets or 70 UTF-16 units alone, 153 or 67 per part.
                let isGSM7 = analysis.encoding == .gsm7
                let capacity = analysis.segments == 1 ? (isGSM7 ? 160 : 70) : (isGSM7 ? 153 : 67)
                for part in analysis.parts where part.count > 1 {
                    let units = isGSM7 ? SMSText.analyse(part).units : part.utf16.count
                    if units > capacity { problems.append("a part of \(units) units, over \(capacity)") }
                }
                if !problems.isEmpty, failures < 10 {
                    failures += 1
                    Issue.record("seed \(run.seed), iteration \(iteration), \(policy): \(problems.joined(separator: "; ")); text \"\(FuzzRun.escaped(text))\"")
                }
            }
        }
    }
}
