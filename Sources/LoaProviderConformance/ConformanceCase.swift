/// The situations every adapter must handle the same way, against its peer.
public enum ConformanceCase: String, CaseIterable, Sendable, CustomStringConvertible {
    /// A plain message is taken and answered with the provider's id.
    case accepted
    /// A refusal worth retrying is a transient failure, and the next message goes through.
    case transient
    /// A refusal of the message is a permanent failure, and the next message goes through.
    case permanent
    /// A Vietnamese text arrives at the peer unchanged.
    case unicode
    /// A text of several parts arrives at the peer whole.
    case longMessage
    /// A receipt names the message, the attempt and the provider's id, and ends delivered.
    case receiptMatched
    /// A receipt that comes before the submission (of a long message) is answered still names the message.
    case receiptBeforeAnswer
    /// A receipt sent twice reads the same both times (or is passed on once).
    case duplicateReceipt
    /// A peer asking to slow down is a transient failure with a pause.
    case throttled
    /// The peer restarted in the middle of a batch: every message taken, a duplicate only for a
    /// submission in doubt.
    case peerRestartedMidBatch

    public var description: String { rawValue }

    /// Every case but those in `unsupported` (a rig's ``ConformanceRig/unsupported``).
    public static func allCases(except unsupported: [ConformanceCase: String]) -> [ConformanceCase] {
        allCases.filter { unsupported[$0] == nil }
    }

    /// Starts a `Rig`, plays this case against it, and stops it (also when the case fails).
    public func run<Rig: ConformanceRig>(_: Rig.Type) async throws {
        if let reason = Rig.unsupported[self] {
            throw ConformanceError("\(Rig.self) cannot play \(self): \(reason)")
        }
        let rig = try await Rig.start()
        do {
            try await ConformanceChecks(rig: rig, name: "\(Rig.self)").play(self)
        } catch {
            try? await rig.stop()
            throw error
        }
        try await rig.stop()
    }
}

/// A check could not go on.
public struct ConformanceError: Error, CustomStringConvertible {
    public let description: String

    /// Creates an error saying what went wrong.
    public init(_ description: String) { self.description = description }
}
