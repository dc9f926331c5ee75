import ArgumentParser
import Foundation
import LoaTemplates

/// `loa templates …`: work with the template catalog.
struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "Work with the SMS template catalog.",
        subcommands: [Check.self]
    )

    /// `loa templates check`: validates the catalog and every template against each other.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate templates/catalog.yaml and every template; exit 1 when anything is wrong.",
            discussion: """
                Checks that every kind has a text in every locale, that templates use only declared \
                variables their kind lists, that sample renders keep their segment budgets, that Mông \
                texts stay GSM-7, and that no typographic characters hide in the files. Problems go to \
                standard error, one per line; texts still waiting for a native speaker's review are \
                listed on success.
                """
        )

        @Option(name: .long, help: "The templates directory.")
        var templates = "templates"

        func run() throws {
            let catalog: TemplateCatalog
            do {
                catalog = try TemplateCatalog.load(from: URL(fileURLWithPath: templates))
            } catch {
                FileHandle.standardError.write(Data("error: \(templates)/\(error)\n".utf8))
                throw ExitCode(2)
            }
            let problems = catalog.check()
            guard problems.isEmpty else {
                let lines = problems.map { "\(templates)/\($0)" } + ["\(problems.count) problem(s) in \(templates)"]
                FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
                throw ExitCode.failure
            }
            print("\(templates): OK, \(catalog.kinds.count) kinds × \(catalog.locales.count) locales checked")
            let unreviewed = catalog.unreviewed()
            if !unreviewed.isEmpty {
                print("\(unreviewed.count) text(s) not yet reviewed by a native speaker (set review.<locale>.reviewedBy and reviewedAt in catalog.yaml once signed off):")
                for (kind, locale) in unreviewed {
                    print("  \(templates)/\(locale)/\(kind).mustache")
                }
            }
        }
    }
}
