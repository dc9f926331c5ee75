/// What a retention purge removed (or, in a dry run, would remove), counted per table.
public struct PurgeCounts: Sendable, Equatable {
    /// Messages whose recipient and text were removed (the rows stay for statistics).
    public var messages = 0
    /// Attempts of those messages, deleted.
    public var attempts = 0
    /// Provider reports received before the horizon, deleted.
    public var receipts = 0
    /// Events received (and occurred) before the horizon, deleted.
    public var events = 0
    /// Snapshots of dossiers closed before the horizon, deleted.
    public var dossiers = 0
    /// Inbound messages (residents' numbers and texts) received before the horizon, deleted.
    public var inbound = 0
    /// Appointments (residents' names and numbers) that started before the horizon, deleted.
    public var appointments = 0

    /// Creates counts, zero unless given.
    public init(messages: Int = 0, attempts: Int = 0, receipts: Int = 0, events: Int = 0, dossiers: Int = 0, inbound: Int = 0, appointments: Int = 0) {
        self.messages = messages
        self.attempts = attempts
        self.receipts = receipts
        self.events = events
        self.dossiers = dossiers
        self.inbound = inbound
        self.appointments = appointments
    }

    /// True when nothing was (or would be) removed.
    public var isEmpty: Bool { self == PurgeCounts() }

    /// The counts by table name, in a fixed order, for printing and logging.
    public var byTable: [(table: String, count: Int)] {
        [("messages", messages), ("attempts", attempts), ("receipts", receipts), ("events", events), ("dossiers", dossiers), ("inbound", inbound), ("appointments", appointments)]
    }

    /// Adds another step's counts.
    public static func += (total: inout PurgeCounts, step: PurgeCounts) {
        total.messages += step.messages
        total.attempts += step.attempts
        total.receipts += step.receipts
        total.events += step.events
        total.dossiers += step.dossiers
        total.inbound += step.inbound
        total.appointments += step.appointments
    }
}
