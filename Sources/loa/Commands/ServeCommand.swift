import LoaSettings
public import ArgumentParser
import LoaConfig
import LoaServer
public import Logging

/// `loa serve`: the HTTP API and the worker in one process.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the HTTP API and the delivery worker (migrates the database first; --no-worker for the API alone).")

    @OptionGroup var options: DatabaseOptions

    @Option(help: "Address to listen on (overrides server.host).")
    var host: String?

    @Option(help: "Port to listen on (overrides server.port; 0 picks a free one).")
    var port: Int?

    @Option(help: "Log level: trace, debug, info, notice, warning, error.")
    var logLevel: Logger.Level = .info

    @Flag(help: "Serve the HTTP API only: no dispatcher, janitor or provider sessions (run loa worker beside it).")
    var noWorker = false

    func run() async throws {
        var flags: [String: String] = [:]
        if let host { flags["server.host"] = host }
        if let port { flags["server.port"] = String(port) }
        let configuration = try options.load(extraFlags: flags)
        var logger = Logger(label: "loa")
        logger.logLevel = logLevel
        let gateway: Gateway
        do {
            gateway = try await Gateway.prepare(configuration, logger: logger)
        } catch let error as ConfigurationError {
            throw ValidationError("cannot start: \(error)")
        }
        logger.info("loa starting", metadata: [
            "database.url": "\(configuration.database.location)", "dispatch.provider": "\(configuration.dispatch.provider)",
        ])
        try await gateway.run(worker: !noWorker)
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
