public import LoaConfig
import LoaPostgres
public import Logging

/// `loa watcher install-trigger|uninstall-trigger NAME`: the one thing Loa writes in a watched
/// database, and only when asked: a statement trigger (and its function, both named
/// `loa_watch_<name>`) that notifies the watcher of every insert and update, so it reads at
/// once instead of at its next poll.
public enum WatcherTriggers {
    /// Creates (or replaces) the trigger on the watcher's table; returns its channel.
    public static func install(_ watcher: GatewayConfiguration.Watcher, logger: Logger) async throws -> String {
        let source = try PostgresDossierSource(url: watcher.url, table: watcher.table, watcher: watcher.name, timeZone: watcher.timeZone, logger: logger)
        try await source.installTrigger()
        return source.channel
    }

    /// Removes the trigger and its function; false when there was no trigger.
    public static func uninstall(_ watcher: GatewayConfiguration.Watcher, logger: Logger) async throws -> Bool {
        let source = try PostgresDossierSource(url: watcher.url, table: watcher.table, watcher: watcher.name, timeZone: watcher.timeZone, logger: logger)
        return try await source.uninstallTrigger()
    }
}
