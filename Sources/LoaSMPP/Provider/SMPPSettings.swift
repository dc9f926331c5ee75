/// How to reach and use one SMSC over SMPP 3.4 (`providers.<name>.*` of `type: smpp`).
public struct SMPPSettings: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var systemID: String
    public var password: String
    public var systemType: String
    /// Most submit_sm outstanding at once.
    public var window: Int
    public var bind: SMPPBindMode
    /// Seconds between enquire_link keep-alives.
    public var enquireLinkIntervalSeconds: Double
    /// Seconds an answer (bind, submit_sm, enquire_link) is waited for.
    public var timeoutSeconds: Double
    public var longMessages: LongMessageMode
    /// Forces the source address TON/NPI; nil derives them from the sender (see ``SMPPAddress``).
    public var sourceTON: UInt8?
    public var sourceNPI: UInt8?
    /// The largest PDU accepted from the SMSC, in octets.
    public var maxPDULength: Int
    /// First and longest pause before reconnecting (doubling in between).
    public var reconnectMinSeconds: Double
    public var reconnectMaxSeconds: Double
    /// Retries of a part the SMSC throttled (ESME_RTHROTTLED, ESME_RMSGQFUL) before the
    /// submission fails as transient.
    public var throttleRetries: Int
    /// deliver_sm (receipts, inbound messages) waiting to be taken at most; more are answered
    /// ESME_RX_T_APPN at once (the SMSC sends them again later).
    public var maxWaitingDeliveries: Int

    /// Seconds a whole submission may take: a bind wait, then the window and the answers of a
    /// three-part message (each answer waits up to ``timeoutSeconds``). A submission still
    /// waiting for a window slot at this point fails as not sent.
    public var submitTimeoutSeconds: Double { timeoutSeconds * 4 }

    /// Settings with the documented defaults.
    public init(
        host: String, port: Int, systemID: String, password: String, systemType: String = "", window: Int = 10,
        bind: SMPPBindMode = .transceiver, enquireLinkIntervalSeconds: Double = 30, timeoutSeconds: Double = 10,
        longMessages: LongMessageMode = .udh, sourceTON: UInt8? = nil, sourceNPI: UInt8? = nil, maxPDULength: Int = 65_536,
        reconnectMinSeconds: Double = 1, reconnectMaxSeconds: Double = 60, throttleRetries: Int = 3,
        maxWaitingDeliveries: Int = 1_000
    ) {
        self.host = host
        self.port = port
        self.systemID = systemID
        self.password = password
        self.systemType = systemType
        self.window = window
        self.bind = bind
        self.enquireLinkIntervalSeconds = enquireLinkIntervalSeconds
        self.timeoutSeconds = timeoutSeconds
        self.longMessages = longMessages
        self.sourceTON = sourceTON
        self.sourceNPI = sourceNPI
        self.maxPDULength = maxPDULength
        self.reconnectMinSeconds = reconnectMinSeconds
        self.reconnectMaxSeconds = reconnectMaxSeconds
        self.throttleRetries = throttleRetries
        self.maxWaitingDeliveries = maxWaitingDeliveries
    }
}
