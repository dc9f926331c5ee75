import Foundation

/// What one round of Loa measured: `messages` events pushed at once through the public API,
/// each one message, and the CPU time the system under test (every `loa serve`, and PostgreSQL
/// when it is the store) spent from the first request until it had taken the last delivery report.
struct LoaFigures {
    let messages: Int
    /// What ``cpu`` covers (``RoundDatabase/system``).
    let system: String
    /// From the first request until the last `202`.
    let acceptedIn: Duration
    /// From the first request until the provider stand-in accepted the last message.
    let submittedIn: Duration
    /// From the first request until Loa acknowledged the last delivery report.
    let deliveredIn: Duration
    /// The system's user plus system CPU time over `deliveredIn`.
    let cpu: Duration
    /// PostgreSQL's part of ``cpu``, when it is the store.
    let databaseCPU: Duration?
    /// The provider side's CPU time over `deliveredIn`, when it runs in a process of its own.
    let peerCPU: Duration?

    var acceptedPerSecond: Double { Double(messages) / acceptedIn.seconds }
    var submittedPerSecond: Double { Double(messages) / submittedIn.seconds }
    var deliveredPerSecond: Double { Double(messages) / deliveredIn.seconds }
    /// CPU time per message, in microseconds: ingest, dispatch and the delivery report.
    var cpuMicrosecondsPerMessage: Double { cpu.seconds * 1e6 / Double(messages) }

    var summary: String {
        String(format: "events accepted %6.0f /s, messages submitted %6.0f /s, delivered %6.0f /s; %@ CPU %4.0f µs/message",
               acceptedPerSecond, submittedPerSecond, deliveredPerSecond, system, cpuMicrosecondsPerMessage)
            + (databaseCPU.map { String(format: " (PostgreSQL %.0f)", $0.seconds * 1e6 / Double(messages)) } ?? "")
            + (peerCPU.map { String(format: "; SMSC simulator busy %.0f%% of a core", 100 * $0.seconds / deliveredIn.seconds) } ?? "")
    }
}
