public import AsyncHTTPClient
import Foundation
public import LoaProviders
public import LoaSettings
import NIOCore

/// Builds `type: http` providers from a description in configuration, usually over a preset:
///
/// ```yaml
/// providers:
///   twilio:
///     type: http
///     preset: twilio            # config/providers/twilio.yaml beside the configuration file
///     receiptSecret: "…"        # signs each callback URL (openssl rand -hex 32)
///     secrets: { accountSid: "AC…", authToken: "…" }
/// ```
///
/// Keys (each overrides the preset's): `method`, `url`, `headers.<Name>`, `body`
/// (`none|form|json`), `fields.<name>`, `fieldTypes.<name>`, `basicAuth.username|password`,
/// `answer.messageId|code|errorCode|error|success|transient|transientStatuses|retryAfterHeader`,
/// `receipt.messageId|status|error|statuses.<providerStatus>|authentication|secret|header`,
/// `encodings.gsm7|ucs2`, `kinds.<kind>`, `templateIdRequired`, `timeout`, `receiptSecret`,
/// `receiptURL`, `secrets.<name>`, `settings.<name>`. See README "HTTPS providers".
public enum HTTPProviderFactory: ProviderFactory {
    public static let type = "http"

    public static func blueprint(_ settings: ProviderSettings) throws(ConfigurationError) -> any ProviderBlueprint {
        let keys = try HTTPProviderKeys(settings)
        let description = try keys.description()
        var signer: ReceiptURLSigner?
        if description.receipt != nil {
            signer = ReceiptURLSigner(
                provider: settings.name,
                secret: try settings.values.secret(keys.key("receiptSecret"), why: "signs each callback URL so only the provider, which got it from Loa, can report"),
                baseURL: try keys.layer("receiptURL").url(keys.key("receiptURL"), default: settings.publicURL.absoluteString),
                // Reports are taken for twice as long as Loa waits for one, so a late report can
                // still settle an `unreported` message.
                validitySeconds: 2 * settings.reportTimeoutSeconds)
        }
        return Blueprint(name: settings.name, description: description, signer: signer)
    }

    /// A validated description, built into a provider with its own HTTP client.
    struct Blueprint: ProviderBlueprint {
        let name: String
        let description: HTTPProviderDescription
        let signer: ReceiptURLSigner?
        var submitTimeoutSeconds: Double? { description.timeoutSeconds }

        func build(_ context: ProviderContext) throws(ConfigurationError) -> BuiltProvider {
            let client = OwnedHTTPClient(HTTPProviderFactory.client())
            let provider = HTTPProvider(name: name, description: description, signer: signer, client: client, logger: context.logger)
            return BuiltProvider(provider: provider, services: [HTTPClientShutdown(client: client)])
        }
    }

    /// A client that does not follow redirects (credentials stay with the configured host),
    /// connects within 5 s and keeps idle connections for a minute.
    public static func client() -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.timeout = .init(connect: .seconds(5))
        configuration.connectionPool = .init(idleTimeout: .seconds(60))
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }
}
