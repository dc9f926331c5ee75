public import Foundation
public import LoaCore
public import LoaProviders
public import LoaStore

/// Everything `loa serve` needs, typed and validated. Built once at start-up by
/// ``GatewayConfiguration/load(configPath:environment:flags:)``.
public struct GatewayConfiguration: Sendable {
    /// The HTTP listener.
    public struct Server: Sendable {
        public var host: String
        public var port: Int
        /// Bodies above this are refused with `413`.
        public var maxBodyBytes: Int
        /// How providers reach Loa (receipt callbacks), e.g. `http://127.0.0.1:8080`.
        public var publicURL: URL
        /// A connection with no request in progress for this long is closed.
        public var idleTimeoutSeconds: Double
        /// Connections open at once; further ones wait in the listen backlog until one closes.
        public var maxConnections: Int
        /// Connections one client address may hold open at once; more are closed at once. 0 is no limit.
        public var maxConnectionsPerAddress: Int
        /// A connection whose first request head is not complete this long after it opened is closed.
        public var headerTimeoutSeconds: Double
        /// The request's URL and header fields together (and any one of them) may not exceed
        /// this; larger ones are answered `431` and the connection is closed.
        public var maxHeaderBytes: Int
        /// Requests per API key.
        public var rateLimitPerKey: RequestRateLimit
        /// Requests per client address, for requests that present no API key.
        public var rateLimitPerAddress: RequestRateLimit
        /// Serve HTTPS with these PEM files; nil serves plain HTTP.
        public var tls: TLSFiles?
        /// Whether plain HTTP may be served on an address other than loopback (behind a
        /// TLS-terminating proxy).
        public var allowPlainHTTP: Bool

        /// Whether `host` is a loopback address, reachable from this machine only.
        public var isLoopback: Bool { Server.isLoopback(host) }
    }

    /// The store.
    public struct Database: Sendable {
        /// Which driver and where (`database.url`: `sqlite:PATH` or `postgres://…`; without it,
        /// the SQLite file `database.path`).
        public var location: StoreLocation
        /// The SQLite file, or with PostgreSQL the prefix of this node's own files beside it
        /// (the sandbox's reports, SMPP part maps: `<path>-<provider>-….sqlite`).
        public var path: String
        public var synchronous: SQLiteStore.Synchronous
    }

    /// Where the reference files live.
    public struct Catalogs: Sendable {
        public var templatesDirectory: String
        public var proceduresFile: String
        public var communesFile: String
        /// What each dossier status means to a resident who asks (`catalogs.dossierStates`).
        public var dossierStatesFile: String
        /// The USSD menu's screens (`catalogs.ussd`).
        public var ussdFile: String
    }

    /// How the dispatcher claims and sends.
    public struct Dispatch: Sendable {
        /// The provider of the default route when `routes.default` is not set.
        public var provider: String
        /// Messages claimed per transaction.
        public var batchSize: Int
        /// Submissions in flight at once.
        public var concurrency: Int
        /// How long a claim holds a message before another worker may take it.
        public var leaseSeconds: Double
        /// How often an idle dispatcher looks for due messages.
        public var pollSeconds: Double
        /// How long shutdown waits for in-flight submissions.
        public var shutdownGraceSeconds: Double
        /// What to do with a message whose submission may have reached the provider before a crash.
        public var inDoubt: InDoubtPolicy
        /// How many times one message may lapse in doubt before it ends `failed`.
        public var maxInDoubt: Int
        /// Messages a Vietnam day per recipient before the rest wait for the next day (urgent
        /// ones excepted); nil for no cap.
        public var recipientDailyCap: Int?
    }

    /// One configured provider: its adapter's validated settings and how the dispatcher treats it.
    public struct ConfiguredProvider: Sendable {
        /// The provider's name (`providers.<name>`).
        public var name: String
        /// Its `type` (a factory of ``ProviderTypes``).
        public var type: String
        /// The adapter, ready to build.
        public var blueprint: any ProviderBlueprint
        /// The sender shown on handsets: `providers.<name>.sender`, else `dispatch.sender`.
        public var sender: String
        /// Submissions per second (`ratePerSecond`); nil for no limit.
        public var ratePerSecond: Double?
        /// Submissions in flight at once (`maxInFlight`); nil for the dispatcher's concurrency.
        public var maxInFlight: Int?
        /// Transient failures in a row that open its circuit (`circuit.failures`).
        public var circuitFailures: Int
        /// How long an open circuit waits before a probe (`circuit.coolDown`).
        public var circuitCoolDownSeconds: Double
    }

    public var server: Server
    public var database: Database
    public var catalogs: Catalogs
    /// Whether numbers outside Vietnam are accepted.
    public var allowForeignNumbers: Bool
    public var rules: NotificationRules
    /// When normal and bulk messages wait (Vietnam time).
    public var quietHours: QuietHours
    /// When appointment reminders go (`appointments.*`).
    public var reminders: ReminderPolicy
    /// Residents' lookups and the USSD aggregators (`residents.*`, `ussd.*`).
    public var residents: Residents
    public var dispatch: Dispatch
    /// Retry policy per priority.
    public var retry: RetryPolicies
    /// How long personal data is kept (`retention.messages`).
    public var retention: RetentionPolicy
    /// Who may read `/metrics` (`metrics.access`).
    public var metricsAccess: MetricsAccess
    public var providers: [ConfiguredProvider]
    /// Which providers each recipient's messages go through (`routes`, else `dispatch.provider`).
    public var routing: RoutingTable
    /// How long each provider's final report is waited for (`providers.<name>.reportTimeout`).
    public var reportTimeouts: ReportTimeouts
    /// Encoding policies per locale of each provider (`providers.<name>.encoding.<locale>`),
    /// overriding the template catalog's for messages sent through that route.
    public var routeEncodings: [String: [MessageLocale: EncodingPolicy]]
    /// Dossier watchers on other PostgreSQL databases (`watchers.<name>`), by name.
    public var watchers: [Watcher]
}
