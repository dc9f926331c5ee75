/// A loopback stand-in for one preset's API, written from the provider's documentation.
protocol PresetStandIn: Sendable {
    /// `providers.<name>.url` pointing at the stand-in.
    var urlTemplate: String { get }
    /// The secrets and settings the preset needs, as the stand-in expects them.
    var keys: [String: String] { get }
    /// How to answer from now on.
    func answer(_ mode: StandInMode)
    /// The messages taken so far.
    func takenMessages() -> [TakenMessage]
    /// Error or result codes refused so far, in order.
    func refusedCodes() -> [String]
    func stop() async throws
}

/// One message a stand-in took.
struct TakenMessage: Sendable, Equatable {
    var id: String
    var to: String
    var sender: String
    var text: String
}
