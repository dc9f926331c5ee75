public import Foundation
import LoaCore
import LoaProviders
import LoaStore

extension GatewayConfiguration {
    /// The configuration file used when none is named.
    public static let defaultPath = "config/loa.yaml"

    /// Reads `configPath` (required unless it is the default path), overlays the `LOA_*`
    /// environment and `flags` (dotted keys such as `server.port`), and validates everything.
    public static func load(
        configPath: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
        flags: [String: String] = [:]
    ) throws(ConfigurationError) -> GatewayConfiguration {
        let settings = try LayeredSettings.load(
            path: configPath ?? defaultPath, required: configPath != nil, environment: environment, flags: flags)
        let configuration = try GatewayConfiguration(settings)
        let unread = settings.unreadFileKeys()
        if let first = unread.first {
            throw ConfigurationError(key: first, message: "unknown key in \(settings.source) (\(unread.joined(separator: ", "))); check the spelling against config/loa.yaml in the repository")
        }
        let unreadVariables = settings.unreadEnvironmentVariables()
        if let first = unreadVariables.first {
            throw ConfigurationError(key: first, message: "environment variable matches no configuration key (\(unreadVariables.joined(separator: ", "))); a key's variable is LOA_ plus its path in upper snake case (server.maxBodyBytes -> LOA_SERVER_MAX_BODY_BYTES), and a provider's keys need the provider under providers in the file")
        }
        return configuration
    }

    init(_ settings: LayeredSettings) throws(ConfigurationError) {
        server = try GatewayConfiguration.server(settings)
        database = Database(
            path: settings.string("database.path", default: "./loa.sqlite"),
            synchronous: try settings.choice("database.synchronous", default: .full))
        catalogs = Catalogs(
            templatesDirectory: settings.string("catalogs.templates", default: "templates"),
            proceduresFile: settings.string("catalogs.procedures", default: "config/procedures.yaml"),
            communesFile: settings.string("catalogs.communes", default: "config/communes.yaml"))
        allowForeignNumbers = try settings.bool("phones.allowForeign", default: false)
        rules = try GatewayConfiguration.rules(settings)
        quietHours = try GatewayConfiguration.quietHours(settings)
        dispatch = Dispatch(
            provider: settings.string("dispatch.provider", default: "sandbox"),
            batchSize: try settings.int("dispatch.batchSize", default: 200, in: 1...10_000),
            concurrency: try settings.int("dispatch.concurrency", default: 64, in: 1...4096),
            leaseSeconds: try settings.seconds("dispatch.lease", default: 60, in: 1...86_400),
            pollSeconds: try settings.seconds("dispatch.poll", default: 0.2, in: 0.001...60),
            shutdownGraceSeconds: try settings.seconds("dispatch.shutdownGrace", default: 10, in: 0...600),
            ratePerSecond: nil,
            inDoubt: try settings.choice("dispatch.inDoubt", default: InDoubtPolicy.resend),
            maxInDoubt: try settings.int("dispatch.maxInDoubt", default: ClaimRules.defaultMaxInDoubt, in: 1...100),
            recipientDailyCap: try settings.int("dispatch.recipientDailyCap", default: 10, in: 0...10_000).nonZero)
        retry = try GatewayConfiguration.retryPolicies(settings)
        retention = RetentionPolicy(messageSeconds: try settings.seconds(
            "retention.messages", default: RetentionPolicy.defaultMessageSeconds, in: 86_400...(3650 * 86_400)))
        providers = try GatewayConfiguration.providers(settings, publicURL: server.publicURL)
        var reportTimeouts = ReportTimeouts()
        for (index, provider) in providers.enumerated() {
            let reportTimeout = try settings.seconds(
                "providers.\(provider.name).reportTimeout", default: ReportTimeouts.defaultSeconds, in: 60...(366 * 86_400))
            reportTimeouts.byProvider[provider.name] = reportTimeout
            if case .kannel(let name, var kannel) = provider {
                // A dlr-url is accepted for twice as long as Loa waits for its report, so a report
                // that comes after the message ended `unreported` can still settle it.
                kannel.receiptValiditySeconds = 2 * reportTimeout
                providers[index] = .kannel(name: name, kannel)
            }
            let rateKey = "providers.\(provider.name).ratePerSecond"
            let maxInFlight = try settings.int("providers.\(provider.name).maxInFlight", default: 0, in: 0...4096)
            let rate = try settings.double(rateKey, default: 0, in: 0...100_000)
            if provider.name == dispatch.provider {
                dispatch.ratePerSecond = rate > 0 ? rate : nil
                if rate > 0 {
                    // A claimed batch must be sent well within its lease, or it comes back in doubt.
                    // The same for what waits in flight for a token.
                    let withinHalfLease = max(1, Int(rate * dispatch.leaseSeconds / 2))
                    dispatch.batchSize = min(dispatch.batchSize, withinHalfLease)
                    dispatch.concurrency = min(dispatch.concurrency, withinHalfLease)
                }
                if maxInFlight > 0 { dispatch.concurrency = min(dispatch.concurrency, maxInFlight) }
                if let timeout = provider.submitTimeoutSeconds {
                    // Even if every submission waits out its timeout, the batch ends within half a lease.
                    let waves = max(1, Int(dispatch.leaseSeconds / 2 / timeout))
                    dispatch.batchSize = max(1, min(dispatch.batchSize, waves * dispatch.concurrency))
                }
            }
        }
        self.reportTimeouts = reportTimeouts
        routeEncodings = try GatewayConfiguration.routeEncodings(settings, providers: providers.map(\.name))
        guard providers.contains(where: { $0.name == dispatch.provider }) else {
            let known = providers.map(\.name).joined(separator: ", ")
            throw ConfigurationError(key: "dispatch.provider", message: "names provider '\(dispatch.provider)', which is not configured under providers (configured: \(known.isEmpty ? "none" : known)); \(settings.howToSet("dispatch.provider"))")
        }
    }

    /// `retry.<key>` applies to every priority; `retry.<priority>.<key>` overrides it for one.
    static func retryPolicies(_ settings: LayeredSettings) throws(ConfigurationError) -> RetryPolicies {
        var policies: [MessagePriority: RetryPolicy] = [:]
        for priority in MessagePriority.allCases {
            let fallback = RetryPolicies.defaults.policy(for: priority)
            func key(_ name: String) -> String { "retry.\(priority.rawValue).\(name)" }
            let maxAttempts = try settings.int("retry.maxAttempts", default: fallback.maxAttempts, in: 1...100)
            let initialDelay = try settings.seconds("retry.initialDelay", default: fallback.initialDelaySeconds)
            let maxDelay = try settings.seconds("retry.maxDelay", default: fallback.maxDelaySeconds)
            let jitter = try settings.double("retry.jitter", default: fallback.jitter, in: 0...1)
            policies[priority] = RetryPolicy(
                maxAttempts: try settings.int(key("maxAttempts"), default: maxAttempts, in: 1...100),
                initialDelaySeconds: try settings.seconds(key("initialDelay"), default: initialDelay),
                maxDelaySeconds: try settings.seconds(key("maxDelay"), default: maxDelay),
                jitter: try settings.double(key("jitter"), default: jitter, in: 0...1))
        }
        return RetryPolicies(policies)
    }

    static func quietHours(_ settings: LayeredSettings) throws(ConfigurationError) -> QuietHours {
        let enabled = try settings.bool("quietHours.enabled", default: true)
        var minutes: [Int] = []
        for (key, fallback) in [("quietHours.start", "21:00"), ("quietHours.end", "07:00")] {
            let text = settings.string(key, default: fallback)
            guard let minute = QuietHours.minutes(text) else {
                throw ConfigurationError(key: key, message: "'\(text)' is not a time written HH:mm (Vietnam time), such as 21:00; \(settings.howToSet(key))")
            }
            minutes.append(minute)
        }
        return enabled ? QuietHours(startMinute: minutes[0], endMinute: minutes[1]) : .none
    }

    static func rules(_ settings: LayeredSettings) throws(ConfigurationError) -> NotificationRules {
        let configured = settings.children(of: "rules")
        guard !configured.isEmpty else { return .defaults }
        var table: [DossierStatus: [NotificationKind]] = [:]
        for name in configured {
            guard let status = DossierStatus.parse(name) else {
                throw ConfigurationError(key: "rules.\(name)", message: "'\(name)' is not a dossier status; use \(DossierStatus.acceptedSpellings)")
            }
            let kinds = settings.string("rules.\(name)", default: "").split(separator: ",")
                .map { NotificationKind(rawValue: $0.trimmingCharacters(in: .whitespaces)) }
                .filter { !$0.rawValue.isEmpty }
            table[status] = kinds
        }
        return NotificationRules(table)
    }

    static func routeEncodings(_ settings: LayeredSettings, providers: [String]) throws(ConfigurationError) -> [String: [MessageLocale: EncodingPolicy]] {
        var encodings: [String: [MessageLocale: EncodingPolicy]] = [:]
        for provider in providers {
            for tag in settings.children(of: "providers.\(provider).encoding") {
                let key = "providers.\(provider).encoding.\(tag)"
                guard let locale = MessageLocale.parse(tag) else {
                    throw ConfigurationError(key: key, message: "'\(tag)' is not a locale; use \(MessageLocale.supported.map(\.rawValue).joined(separator: " or "))")
                }
                encodings[provider, default: [:]][locale] = try settings.choice(key, default: EncodingPolicy.unicode)
            }
        }
        return encodings
    }

    static func providers(_ settings: LayeredSettings, publicURL: URL) throws(ConfigurationError) -> [Provider] {
        var names = settings.children(of: "providers")
        if names.isEmpty { names = ["sandbox"] }
        var providers: [Provider] = []
        for name in names {
            let prefix = "providers.\(name)"
            let type = settings.string("\(prefix).type", default: name == "sandbox" ? "sandbox" : "")
            switch type {
            case "sandbox":
                providers.append(.sandbox(name: name, SandboxSettings(
                    receiptDelaySeconds: try settings.seconds("\(prefix).receiptDelay", default: 2, in: 0...86_400),
                    transientFailureRate: try settings.double("\(prefix).transientFailureRate", default: 0, in: 0...1),
                    permanentFailureRate: try settings.double("\(prefix).permanentFailureRate", default: 0, in: 0...1),
                    retainedMessages: try settings.int("\(prefix).retainedMessages", default: 10_000, in: 0...1_000_000))))
            case "kannel":
                providers.append(.kannel(name: name, KannelSettings(
                    sendURL: try settings.plainHTTPURL("\(prefix).url", why: "smsbox serves sendsms over plain HTTP; reach it on a private network or through a tunnel"),
                    username: try settings.requiredString("\(prefix).username", why: "a sendsms-user of the Kannel configuration"),
                    password: try settings.requiredString("\(prefix).password", why: "the sendsms-user's password"),
                    from: settings.string("\(prefix).from", default: "Loa"),
                    receiptBaseURL: try settings.url("\(prefix).receiptURL", default: publicURL.absoluteString),
                    receiptSecret: try settings.secret("\(prefix).receiptSecret", why: "signs the dlr-url so only Kannel can report deliveries"),
                    dlrMask: try settings.int("\(prefix).dlrMask", default: 31, in: 0...255),
                    timeoutSeconds: try settings.seconds("\(prefix).timeout", default: 10, in: 0.1...300))))
            default:
                throw ConfigurationError(key: "\(prefix).type", message: "'\(type)' is not a provider type; use sandbox or kannel")
            }
        }
        return providers
    }
}

extension Int {
    /// Nil for zero ("no limit" in configuration), else the value.
    fileprivate var nonZero: Int? { self == 0 ? nil : self }
}
