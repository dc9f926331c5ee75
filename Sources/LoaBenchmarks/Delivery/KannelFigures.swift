import Foundation

/// What one round of Kannel measured: `messages` sent over `sendsms` by wrk, timed until the
/// fake SMSC had logged every part and wrk every answer, and the CPU time bearerbox plus
/// smsbox spent meanwhile.
struct KannelFigures {
    let messages: Int
    /// The parts fakesmsc logged (Kannel sends a long text as several).
    let parts: Int
    let elapsed: Duration
    /// bearerbox's plus smsbox's user plus system CPU time over `elapsed`.
    let cpu: Duration

    var messagesPerSecond: Double { Double(messages) / elapsed.seconds }
    /// CPU time per message, in microseconds.
    var cpuMicrosecondsPerMessage: Double { cpu.seconds * 1e6 / Double(messages) }

    var summary: String {
        String(format: "messages %6.0f /s (%d parts, %.2f a message); bearerbox + smsbox CPU %4.0f µs/message",
               messagesPerSecond, parts, Double(parts) / Double(messages), cpuMicrosecondsPerMessage)
    }
}
