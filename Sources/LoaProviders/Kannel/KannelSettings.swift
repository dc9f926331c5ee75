public import Foundation
public import LoaCore

/// How to reach a Kannel `smsbox` and how Kannel reaches Loa back with delivery reports and
/// with what residents send.
public struct KannelSettings: Sendable, Equatable {
    /// The `sendsms` endpoint, for example `http://127.0.0.1:13013/cgi-bin/sendsms`.
    public var sendURL: URL
    /// A `sendsms-user` of the Kannel configuration.
    public var username: String
    public var password: String
    /// Loa's own base URL as Kannel can reach it, for the `dlr-url` (for example `http://127.0.0.1:8080`).
    public var receiptBaseURL: URL
    /// Secret that signs each `dlr-url`, so only Kannel (which got the URL from Loa) can report.
    public var receiptSecret: String
    /// How long after the submission a `dlr-url` is accepted (the configuration makes it twice
    /// `providers.<name>.reportTimeout`, so a late report can still settle an `unreported`
    /// message); a report later than that is refused.
    public var receiptValiditySeconds: Double
    /// Kannel's `dlr-mask`: 31 asks for every report (delivered, failed, buffered, SMSC accepted/rejected).
    public var dlrMask: Int
    /// Seconds before a `sendsms` request counts as timed out (a transient failure).
    public var timeoutSeconds: Double
    /// The shared secret Kannel's `sms-service` `get-url` carries as `key`, so only Kannel can
    /// hand Loa what residents send; nil: this provider takes no inbound messages.
    public var inboundSecret: String?

    /// Creates settings.
    public init(sendURL: URL, username: String, password: String, receiptBaseURL: URL,
                receiptSecret: String, receiptValiditySeconds: Double = ReportTimeouts.defaultSeconds,
                dlrMask: Int = 31, timeoutSeconds: Double = 10, inboundSecret: String? = nil) {
        self.sendURL = sendURL
        self.username = username
        self.password = password
        self.receiptBaseURL = receiptBaseURL
        self.receiptSecret = receiptSecret
        self.receiptValiditySeconds = receiptValiditySeconds
        self.dlrMask = dlrMask
        self.timeoutSeconds = timeoutSeconds
        self.inboundSecret = inboundSecret
    }
}
