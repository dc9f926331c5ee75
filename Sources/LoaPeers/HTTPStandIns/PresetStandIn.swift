/// A loopback stand-in for one preset's API, written from the provider's documentation.
public protocol PresetStandIn: Sendable {
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
    /// Stops listening, after the callbacks it started have been sent.
    func stop() async throws
}

/// One message a stand-in took.
public struct TakenMessage: Sendable, Equatable {
    /// The id the API answered with.
    public var id: String
    /// The recipient as the API was given it.
    public var to: String
    public var sender: String
    public var text: String

    /// Creates a record.
    public init(id: String, to: String, sender: String, text: String) {
        self.id = id
        self.to = to
        self.sender = sender
        self.text = text
    }
}
