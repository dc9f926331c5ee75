import Foundation

/// What one round of Kannel measured: `messages` sent over `sendsms` by wrk, timed until the
/// SMSC had every part and wrk every answer (and, over SMPP, smsbox had called every delivery
/// report back), and the CPU time bearerbox plus smsbox spent meanwhile.
struct KannelFigures {
    /// Distinct messages the SMSC took (over fakesmsc: the messages sent).
    let messages: Int
    /// The parts the SMSC took (Kannel sends a long text as several).
    let parts: Int
    /// The parts that asked the SMSC for a receipt (over SMPP; nil for fakesmsc).
    let receiptsAsked: Int?
    let submittedIn: Duration
    /// Until the last delivery report was called back; nil without delivery reports (fakesmsc).
    let deliveredIn: Duration?
    /// bearerbox's plus smsbox's user plus system CPU time over `elapsed`.
    let cpu: Duration
    /// The SMPP simulator's CPU time over `elapsed`; nil for fakesmsc.
    let smscCPU: Duration?
    /// The measured window: until delivered, else until submitted.
    let elapsed: Duration

    var submittedPerSecond: Double { Double(messages) / submittedIn.seconds }
    var deliveredPerSecond: Double? { deliveredIn.map { Double(messages) / $0.seconds } }
    /// CPU time per message, in microseconds.
    var cpuMicrosecondsPerMessage: Double { cpu.seconds * 1e6 / Double(messages) }

    var summary: String {
        String(format: "messages submitted %6.0f /s (%d parts, %.2f a message", submittedPerSecond, parts, Double(parts) / Double(messages))
            + (receiptsAsked.map { ", \($0) asking for a receipt)" } ?? ")")
            + (deliveredPerSecond.map { String(format: ", delivered %6.0f /s", $0) } ?? "")
            + String(format: "; bearerbox + smsbox CPU %4.0f µs/message", cpuMicrosecondsPerMessage)
            + (smscCPU.map { String(format: "; SMSC simulator busy %.0f%% of a core", 100 * $0.seconds / elapsed.seconds) } ?? "")
    }
}
