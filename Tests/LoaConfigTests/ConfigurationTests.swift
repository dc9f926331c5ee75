import Foundation
import LoaConfig
import LoaSettings
import LoaCore
import Testing

@Suite("Configuration")
struct ConfigurationTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func load(_ yaml: String, environment: [String: String] = [:], flags: [String: String] = [:]) throws -> GatewayConfiguration {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("loa-config-\(UUID().uuidString).yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        return try GatewayConfiguration.load(configPath: file.path, environment: environment, flags: flags)
    }

    @Test("the shipped config/loa.yaml loads with its documented defaults")
    func shipped() throws {
        let configuration = try GatewayConfiguration.load(
            configPath: Self.repositoryRoot.appendingPathComponent("config/loa.yaml").path, environment: [:])
        #expect(configuration.server.port == 8080)
        #expect(configuration.server.host == "127.0.0.1")
        #expect(configuration.database.path == "./loa.sqlite")
        #expect(configuration.dispatch.provider == "sandbox")
        #expect(configuration.rules == .defaults)
        #expect(configuration.server.maxBodyBytes == 1_048_576)
    }

    @Test("environment overrides the file; flags override both")
    func layers() throws {
        let yaml = "server:\n  port: 8081\n"
        #expect(try load(yaml).server.port == 8081)
        #expect(try load(yaml, environment: ["LOA_SERVER_PORT": "8082"]).server.port == 8082)
        #expect(try load(yaml, environment: ["LOA_SERVER_PORT": "8082"], flags: ["server.port": "8083"]).server.port == 8083)
        #expect(try load("", environment: ["LOA_SERVER_MAX_BODY_BYTES": "2048"]).server.maxBodyBytes == 2048)
        #expect(try load("", environment: ["LOA_SERVER_PUBLIC_URL": "http://10.0.0.5:8080"]).server.publicURL.absoluteString == "http://10.0.0.5:8080")
    }

    @Test("environment names are upper snake case, acronyms kept whole")
    func environmentNames() {
        #expect(LayeredSettings.environmentName(for: "server.port") == "LOA_SERVER_PORT")
        #expect(LayeredSettings.environmentName(for: "server.maxBodyBytes") == "LOA_SERVER_MAX_BODY_BYTES")
        #expect(LayeredSettings.environmentName(for: "server.publicURL") == "LOA_SERVER_PUBLIC_URL")
        #expect(LayeredSettings.environmentName(for: "providers.kannel.password") == "LOA_PROVIDERS_KANNEL_PASSWORD")
    }

    @Test("bad values and unknown keys are refused, naming the key and how to set it", arguments: [
        ("server:\n  port: eighty\n", "server.port"),
        ("server:\n  port: 70000\n", "server.port"),
        ("sever:\n  port: 80\n", "sever.port"),
        ("dispatch:\n  lease: forever\n", "dispatch.lease"),
        ("dispatch:\n  provider: nowhere\n", "dispatch.provider"),
        ("rules:\n  finished: result_ready\n", "rules.finished"),
        ("providers:\n  kannel:\n    type: kannel\n    url: http://127.0.0.1:13013/cgi-bin/sendsms\n    username: loa\n    password: x\n", "providers.kannel.receiptSecret"),
        ("providers:\n  kannel:\n    type: kannel\n    url: https://kannel.example/cgi-bin/sendsms\n    username: loa\n    password: x\n    receiptSecret: s\n", "providers.kannel.url"),
        ("providers:\n  carrier:\n    type: pigeon\n", "providers.carrier.type"),
        ("database:\n  synchronous: sometimes\n", "database.synchronous"),
    ])
    func refused(yaml: String, key: String) throws {
        do {
            _ = try load(yaml)
            Issue.record("expected \(key) to be refused")
        } catch let error as ConfigurationError {
            #expect(error.key == key, "\(error)")
            #expect(!error.message.isEmpty)
        }
    }

    @Test("LOA_* variables that match no key are refused like unknown file keys", arguments: [
        (["LOA_SERVER_PROT": "8081"], "LOA_SERVER_PROT"),
        (["LOA_DISPATCH_INDOUBT": "fail"], "LOA_DISPATCH_INDOUBT"),
        // A provider's keys count only for a provider configured in the file.
        (["LOA_PROVIDERS_KANNEL_PASSWORD": "secret"], "LOA_PROVIDERS_KANNEL_PASSWORD"),
    ])
    func unknownEnvironmentVariable(environment: [String: String], variable: String) throws {
        do {
            _ = try load("", environment: environment)
            Issue.record("expected \(variable) to be refused")
        } catch let error as ConfigurationError {
            #expect(error.key == variable, "\(error)")
            #expect(error.message.contains("upper snake case"))
        }
        // Variables outside Loa's prefix are none of its business.
        #expect(try load("", environment: ["LOADER_PATH": "/x", "PATH": "/bin"]).server.port == 8080)
    }

    @Test("rules map statuses in any spelling to kinds")
    func rules() throws {
        let configuration = try load("rules:\n  releasing: result_ready, pickup_reminder\n  2: dossier_received\n")
        #expect(configuration.rules.kinds(for: .resultReady) == [.resultReady, .pickupReminder])
        #expect(configuration.rules.kinds(for: .received) == [.dossierReceived])
        #expect(configuration.rules.kinds(for: .supplementRequired).isEmpty)
    }

    @Test("durations accept ms, s, m, h, d and plain seconds")
    func durations() throws {
        let configuration = try load("dispatch:\n  lease: 2m\n  poll: 250ms\nretry:\n  maxDelay: 1d\n  initialDelay: 30\n")
        #expect(configuration.dispatch.leaseSeconds == 120)
        #expect(configuration.dispatch.pollSeconds == 0.25)
        #expect(configuration.retry.policy(for: .normal).maxDelaySeconds == 86_400)
        #expect(configuration.retry.policy(for: .bulk).initialDelaySeconds == 30)
    }

    @Test("retry policies per priority: shared keys, then per-priority overrides")
    func retryPerPriority() throws {
        let defaults = try load("")
        #expect(defaults.retry == .defaults)
        let configuration = try load("retry:\n  maxAttempts: 3\n  urgent:\n    maxAttempts: 12\n    initialDelay: 1s\n")
        #expect(configuration.retry.policy(for: .urgent).maxAttempts == 12)
        #expect(configuration.retry.policy(for: .urgent).initialDelaySeconds == 1)
        #expect(configuration.retry.policy(for: .normal).maxAttempts == 3)
        #expect(configuration.retry.policy(for: .bulk).maxAttempts == 3)
        #expect(configuration.retry.policy(for: .bulk).initialDelaySeconds == 60)
    }

    @Test("the shipped procedure and commune catalogs load")
    func referenceData() throws {
        let reference = try ReferenceData.load(
            proceduresFile: Self.repositoryRoot.appendingPathComponent("config/procedures.yaml").path,
            communesFile: Self.repositoryRoot.appendingPathComponent("config/communes.yaml").path)
        #expect(reference.procedures.count >= 30)
        let idCard = try #require(reference.procedures["cccd_issue"])
        #expect(!idCard.name(for: .vietnamese).isEmpty)
        #expect(!idCard.name(for: .hmong).isEmpty)
        #expect(reference.communes["na-u"]?.office == "Công an xã Na Ư")
        let areas = Set(reference.procedures.values.map(\.area))
        #expect(areas.isSuperset(of: ["identity", "residence", "electronic_id", "vehicle", "immigration", "security_order"]))
    }
}

@Suite("Quiet hours configuration")
struct QuietHoursConfigurationTests {
    func load(_ yaml: String, environment: [String: String] = [:]) throws -> GatewayConfiguration {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("loa-quiet-\(UUID().uuidString).yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        return try GatewayConfiguration.load(configPath: file.path, environment: environment)
    }

    @Test("default 21:00–07:00, configurable, can be switched off")
    func quietHours() throws {
        #expect(try load("").quietHours == .standard)
        #expect(try load("quietHours:\n  start: \"22:30\"\n  end: \"06:00\"\n").quietHours == QuietHours(startMinute: 1350, endMinute: 360))
        #expect(try load("", environment: ["LOA_QUIET_HOURS_ENABLED": "false"]).quietHours == .none)
        do {
            _ = try load("quietHours:\n  start: \"9pm\"\n")
            Issue.record("9pm should be refused")
        } catch let error as ConfigurationError {
            #expect(error.key == "quietHours.start")
        }
    }

    @Test("in-doubt policy and recipient cap: defaults resend and 10 a day; 0 turns the cap off; bad values name the key")
    func claimRules() throws {
        let defaults = try load("")
        #expect(defaults.dispatch.inDoubt == .resend)
        #expect(defaults.dispatch.recipientDailyCap == 10)
        let set = try load("dispatch:\n  inDoubt: fail\n  recipientDailyCap: 0\n")
        #expect(set.dispatch.inDoubt == .fail)
        #expect(set.dispatch.recipientDailyCap == nil)
        do {
            _ = try load("", environment: ["LOA_DISPATCH_IN_DOUBT": "maybe"])
            Issue.record("an unknown in-doubt policy was accepted")
        } catch let error as ConfigurationError {
            #expect(error.key == "dispatch.inDoubt")
            #expect(error.message.contains("resend"))
        }
    }

    /// Sending through one Kannel with `timeout`, under `dispatch` settings (indented lines).
    func kannel(timeout: String, dispatch: String) -> String {
        """
        dispatch:
          provider: kannel
        \(dispatch)
        providers:
          kannel:
            type: kannel
            url: http://127.0.0.1:13013/cgi-bin/sendsms
            username: loa
            password: secret
            receiptSecret: a-receipt-secret-of-at-least-32-bytes
            timeout: \(timeout)
        """
    }

    @Test("a batch whose submissions all time out still ends within half a lease")
    func batchFitsLease() throws {
        let settings = "  concurrency: 16\n  batchSize: 500"
        // One wave of 16 submissions of at most 1 s each fits in 1 s (half the lease).
        #expect(try load(kannel(timeout: "1s", dispatch: "  lease: 2s\n" + settings)).dispatch.batchSize == 16)
        #expect(try load(kannel(timeout: "1s", dispatch: "  lease: 60s\n" + settings)).dispatch.batchSize == 480)
    }

    @Test("a lease shorter than three provider timeouts is warned about, naming the provider and the lease to set")
    func shortLeaseWarning() throws {
        let warning = try #require(try load(kannel(timeout: "10s", dispatch: "  lease: 20s")).shortLeaseWarning)
        #expect(warning.contains("provider kannel (10 s)"))
        #expect(warning.contains("set dispatch.lease to 30 s or more"))
        #expect(try load(kannel(timeout: "10s", dispatch: "  lease: 30s")).shortLeaseWarning == nil)
        // The sandbox has no timeout: nothing to warn about, whatever the lease.
        #expect(try load("dispatch:\n  lease: 1s\n").shortLeaseWarning == nil)
    }
}
