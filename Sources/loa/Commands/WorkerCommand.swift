import ArgumentParser
import LoaConfig
import LoaServer
import LoaSettings
import Logging

/// `loa worker`: the worker's services (dispatcher, janitor, resident responder, provider
/// sessions) without the HTTP API, for deployments that scale them apart from `loa serve
/// --no-worker` nodes over one PostgreSQL store.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run the delivery worker without the HTTP API (migrates the database first).")

    @OptionGroup var options: DatabaseOptions

    @Option(help: "Log level: trace, debug, info, notice, warning, error.")
    var logLevel: Logger.Level = .info

    func run() async throws {
        let configuration = try options.load()
        var logger = Logger(label: "loa")
        logger.logLevel = logLevel
        let gateway: Gateway
        do {
            gateway = try await Gateway.prepare(configuration, logger: logger)
        } catch let error as ConfigurationError {
            throw ValidationError("cannot start: \(error)")
        }
        try await gateway.run(http: false)
    }
}
