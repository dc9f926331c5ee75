import ArgumentParser
import LoaConfig
import LoaServer
import LoaStore
import Logging

/// `loa watcher install-trigger NAME` and `loa watcher uninstall-trigger NAME`: the
/// notification trigger of a dossier watcher's source table (`watchers.<name>`). Without it
/// the watcher polls; with it, it reads as soon as a change commits.
struct WatcherCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watcher",
        abstract: "Install or remove the notification trigger of a dossier watcher's source table.",
        subcommands: [InstallTrigger.self, UninstallTrigger.self])

    /// The watcher `name` of the configuration, or a refusal listing the configured ones.
    static func watcher(_ name: String, _ options: DatabaseOptions) throws -> GatewayConfiguration.Watcher {
        let configuration = try options.load()
        guard let watcher = configuration.watchers.first(where: { $0.name == name }) else {
            let names = configuration.watchers.map(\.name)
            throw ValidationError("no watcher '\(name)' under watchers in the configuration" + (names.isEmpty ? "" : " (configured: \(names.joined(separator: ", ")))"))
        }
        return watcher
    }

    struct InstallTrigger: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "install-trigger",
            abstract: "Create the trigger (and its function) that notifies the watcher of every insert and update of its table.")

        @OptionGroup var options: DatabaseOptions

        @Argument(help: "The watcher's name (watchers.<name>).")
        var name: String

        func run() async throws {
            let watcher = try WatcherCommand.watcher(name, options)
            do {
                let channel = try await WatcherTriggers.install(watcher, logger: Logger(label: "loa.watcher"))
                print("installed trigger \(channel) on \(watcher.table.relation): changes are announced on channel \(channel)")
            } catch {
                throw ValidationError("cannot install the trigger on \(watcher.table.relation): \(error)")
            }
        }
    }

    struct UninstallTrigger: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "uninstall-trigger",
            abstract: "Remove the watcher's trigger and its function from the source database; the watcher polls again.")

        @OptionGroup var options: DatabaseOptions

        @Argument(help: "The watcher's name (watchers.<name>).")
        var name: String

        func run() async throws {
            let watcher = try WatcherCommand.watcher(name, options)
            do {
                let removed = try await WatcherTriggers.uninstall(watcher, logger: Logger(label: "loa.watcher"))
                print(removed ? "removed the trigger of watcher \(name) from \(watcher.table.relation)" : "watcher \(name) had no trigger on \(watcher.table.relation); nothing to remove")
            } catch {
                throw ValidationError("cannot remove the trigger from \(watcher.table.relation): \(error)")
            }
        }
    }
}
