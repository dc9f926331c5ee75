public import Foundation

/// What became of the messages created in one hour (see ``MessageStatistics/hourlyCounts(from:to:commune:)``).
public struct HourlyCounts: Sendable, Equatable {
    /// The start of the hour.
    public let hourStart: Date
    /// Messages created in the hour, by their current state.
    public let tally: MessageTally

    /// Creates one hour's counts.
    public init(hourStart: Date, tally: MessageTally) {
        self.hourStart = hourStart
        self.tally = tally
    }
}
