public import LoaSettings
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
        database = try GatewayConfiguration.database(settings)
        catalogs = Catalogs(
            templatesDirectory: settings.string("catalogs.templates", default: "templates"),
            proceduresFile: settings.string("catalogs.procedures", default: "config/procedures.yaml"),
            communesFile: settings.string("catalogs.communes", default: "config/communes.yaml"),
            dossierStatesFile: settings.string("catalogs.dossierStates", default: "config/dossier-states.yaml"),
            ussdFile: settings.string("catalogs.ussd", default: "config/ussd.yaml"))
        allowForeignNumbers = try settings.bool("phones.allowForeign", default: false)
        rules = try GatewayConfiguration.rules(settings)
        quietHours = try GatewayConfiguration.quietHours(settings)
        reminders = try GatewayConfiguration.reminderPolicy(settings, quietHours: quietHours)
        residents = try GatewayConfiguration.residents(settings)
        dispatch = Dispatch(
            provider: settings.string("dispatch.provider", default: "sandbox"),
            batchSize: try settings.int("dispatch.batchSize", default: 200, in: 1...10_000),
            concurrency: try settings.int("dispatch.concurrency", default: 64, in: 1...4096),
            leaseSeconds: try settings.seconds("dispatch.lease", default: 60, in: 1...86_400),
            pollSeconds: try settings.seconds("dispatch.poll", default: 0.2, in: 0.001...60),
            shutdownGraceSeconds: try settings.seconds("dispatch.shutdownGrace", default: 10, in: 0...600),
            inDoubt: try settings.choice("dispatch.inDoubt", default: InDoubtPolicy.resend),
            maxInDoubt: try settings.int("dispatch.maxInDoubt", default: ClaimRules.defaultMaxInDoubt, in: 1...100),
            recipientDailyCap: try settings.int("dispatch.recipientDailyCap", default: 10, in: 0...10_000).nonZero)
        retry = try GatewayConfiguration.retryPolicies(settings)
        retention = try GatewayConfiguration.retention(settings)
        metricsAccess = try GatewayConfiguration.metricsAccess(settings)
        let defaultSender = try GatewayConfiguration.sender(settings, key: "dispatch.sender", default: "Loa")
        var reportTimeouts = ReportTimeouts()
        providers = []
        for name in GatewayConfiguration.providerNames(settings) {
            let reportTimeout = try settings.seconds(
                "providers.\(name).reportTimeout", default: ReportTimeouts.defaultSeconds, in: 60...(366 * 86_400))
            reportTimeouts.byProvider[name] = reportTimeout
            providers.append(try GatewayConfiguration.provider(
                name, settings, publicURL: server.publicURL, reportTimeout: reportTimeout, defaultSender: defaultSender))
        }
        self.reportTimeouts = reportTimeouts
        let names = providers.map(\.name)
        let routing = try GatewayConfiguration.routing(settings, defaultProvider: dispatch.provider, providers: names)
        self.routing = routing
        dispatch = GatewayConfiguration.fitted(dispatch, to: providers.filter { routing.providers.contains($0.name) })
        routeEncodings = try GatewayConfiguration.routeEncodings(settings, providers: names)
        watchers = try GatewayConfiguration.watchers(settings)
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

    /// The providers under `providers`; a sandbox called `sandbox` when there are none.
    static func providerNames(_ settings: LayeredSettings) -> [String] {
        let names = settings.children(of: "providers")
        return names.isEmpty ? ["sandbox"] : names
    }

    /// One provider: its type's factory reads the adapter's keys; the keys every provider has
    /// (sender, rate, in-flight limit, circuit) are read here.
    static func provider(
        _ name: String, _ settings: LayeredSettings, publicURL: URL, reportTimeout: Double, defaultSender: String
    ) throws(ConfigurationError) -> ConfiguredProvider {
        let prefix = "providers.\(name)"
        let type = settings.string("\(prefix).type", default: name == "sandbox" ? "sandbox" : "")
        guard let factory = ProviderTypes.factory(type) else {
            throw ConfigurationError(key: "\(prefix).type", message: "'\(type)' is not a provider type; use \(ProviderTypes.names.joined(separator: ", "))")
        }
        let blueprint = try factory.blueprint(ProviderSettings(
            name: name, values: settings, publicURL: publicURL, reportTimeoutSeconds: reportTimeout))
        let rate = try settings.double("\(prefix).ratePerSecond", default: 0, in: 0...100_000)
        let maxInFlight = try settings.int("\(prefix).maxInFlight", default: 0, in: 0...4096)
        return ConfiguredProvider(
            name: name, type: type, blueprint: blueprint,
            sender: try sender(settings, key: "\(prefix).sender", default: defaultSender),
            ratePerSecond: rate > 0 ? rate : nil, maxInFlight: maxInFlight.nonZero,
            circuitFailures: try settings.int("\(prefix).circuit.failures", default: 20, in: 1...1000),
            circuitCoolDownSeconds: try settings.seconds("\(prefix).circuit.coolDown", default: 30, in: 1...3600))
    }

    /// A sender (brandname): 1–11 letters, digits, spaces, `.`, `-` or `_`, as carriers register them.
    static func sender(_ settings: LayeredSettings, key: String, default defaultValue: String) throws(ConfigurationError) -> String {
        let sender = settings.string(key, default: defaultValue)
        let allowed = sender.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || " .-_".unicodeScalars.contains($0)) }
        guard (1...11).contains(sender.count), allowed else {
            throw ConfigurationError(key: key, message: "'\(sender)' is not a sender: a brandname is 1 to 11 ASCII letters, digits, spaces, '.', '-' or '_' as registered with the carriers; \(settings.howToSet(key))")
        }
        return sender
    }

    /// `routes.<carrier>` and `routes.default`: comma-separated providers in failover order, each
    /// optionally `name:weight`. Without `routes.default`, `dispatch.provider` is the default route.
    static func routing(_ settings: LayeredSettings, defaultProvider: String, providers: [String]) throws(ConfigurationError) -> RoutingTable {
        func route(_ key: String, _ text: String) throws(ConfigurationError) -> Route {
            var entries: [Route.Entry] = []
            for item in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
                let parts = item.split(separator: ":", maxSplits: 1).map(String.init)
                let name = parts[0]
                guard providers.contains(name) else {
                    throw ConfigurationError(key: key, message: "names provider '\(name)', which is not configured under providers (configured: \(providers.joined(separator: ", ")))")
                }
                guard !entries.contains(where: { $0.provider == name }) else {
                    throw ConfigurationError(key: key, message: "names provider '\(name)' twice; list each provider once, in failover order")
                }
                var weight = 1
                if parts.count == 2 {
                    guard let parsed = Int(parts[1]), (1...1000).contains(parsed) else {
                        throw ConfigurationError(key: key, message: "'\(item)' has no valid weight; write provider or provider:weight with a whole weight from 1 to 1000")
                    }
                    weight = parsed
                }
                entries.append(Route.Entry(provider: name, weight: weight))
            }
            guard !entries.isEmpty else {
                throw ConfigurationError(key: key, message: "is empty; list at least one provider (for example [sandbox])")
            }
            return Route(entries)
        }
        var table = RoutingTable.single(defaultProvider)
        if let text = settings.raw("routes.default") {
            table.fallback = try route("routes.default", text)
        } else if !providers.contains(defaultProvider) {
            throw ConfigurationError(key: "dispatch.provider", message: "names provider '\(defaultProvider)', which is not configured under providers (configured: \(providers.isEmpty ? "none" : providers.joined(separator: ", "))); \(settings.howToSet("dispatch.provider"))")
        }
        for name in settings.children(of: "routes") where name != "default" {
            guard let carrier = Carrier(rawValue: name) else {
                throw ConfigurationError(key: "routes.\(name)", message: "'\(name)' is not a carrier; use default or \(Carrier.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            table.byCarrier[carrier] = try route("routes.\(name)", settings.raw("routes.\(name)") ?? "")
        }
        return table
    }

    /// Claims sized so that a batch is sent well within its lease even at the slowest routed
    /// provider's rate and timeout; otherwise claimed messages would lapse in doubt.
    static func fitted(_ dispatch: Dispatch, to routed: [ConfiguredProvider]) -> Dispatch {
        var dispatch = dispatch
        for provider in routed {
            if let rate = provider.ratePerSecond {
                // The same for what waits in flight for a token.
                let withinHalfLease = max(1, Int(rate * dispatch.leaseSeconds / 2))
                dispatch.batchSize = min(dispatch.batchSize, withinHalfLease)
                dispatch.concurrency = min(dispatch.concurrency, withinHalfLease)
            }
            if let timeout = provider.blueprint.submitTimeoutSeconds {
                // Even if every submission waits out its timeout, the batch ends within half a lease.
                let waves = max(1, Int(dispatch.leaseSeconds / 2 / timeout))
                dispatch.batchSize = max(1, min(dispatch.batchSize, waves * dispatch.concurrency))
            }
        }
        return dispatch
    }
}

extension Int {
    /// Nil for zero ("no limit" in configuration), else the value.
    fileprivate var nonZero: Int? { self == 0 ? nil : self }
}
