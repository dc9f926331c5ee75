import ArgumentParser

/// `loa`: the citizen notification gateway's command line.
@main
struct Loa: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loa",
        abstract: "Loa: dossier notices by SMS for commune police, in Vietnamese and Mông.",
        subcommands: [
            ServeCommand.self, WorkerCommand.self, MigrateCommand.self, KeysCommand.self, TemplatesCommand.self,
            MessagesCommand.self, StatusCommand.self, RenderCommand.self, SMSInfoCommand.self,
            PurgeCommand.self, BackupCommand.self, RestoreCommand.self, ProvidersCommand.self,
            AppointmentsCommand.self, OptOutsCommand.self, AuditCommand.self, WatcherCommand.self,
        ])
}
