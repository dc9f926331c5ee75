import ArgumentParser
import Foundation
import LoaTemplates

/// `loa templates …`: work with the template catalog.
struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "Work with the SMS template catalog.",
        subcommands: [Check.self, Review.self, Diff.self]
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
                listed on success, each with whether it was never reviewed or changed since its review.
                """
        )

        @Option(name: .long, help: "The templates directory.")
        var templates = "templates"

        func run() throws {
            let catalog = try TemplatesCommand.load(templates)
            let problems = catalog.check()
            guard problems.isEmpty else {
                let lines = problems.map { "\(templates)/\($0)" } + ["\(problems.count) problem(s) in \(templates)"]
                FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
                throw ExitCode.failure
            }
            print("\(templates): OK, \(catalog.kinds.count) kinds × \(catalog.locales.count) locales checked")
            let unreviewed = catalog.unreviewed()
            if !unreviewed.isEmpty {
                print("\(unreviewed.count) text(s) not reviewed by a native speaker as they are now (loa templates review records a review, loa templates diff shows changes since one):")
                for text in unreviewed {
                    let why = text.lastReview.map { "changed since \($0.reviewedBy)'s review of \(TemplatesCommand.day($0.reviewedAt))" } ?? "never reviewed"
                    print("  \(templates)/\(text.file) (\(why); sent as \(catalog.unreviewedPolicy(for: text.locale).rawValue))")
                }
            }
        }
    }

    /// Loads the catalog in `directory`, or says why not on standard error (exit status 2).
    static func load(_ directory: String) throws(ExitCode) -> TemplateCatalog {
        do {
            return try TemplateCatalog.load(from: URL(fileURLWithPath: directory))
        } catch {
            FileHandle.standardError.write(Data("error: \(directory)/\(error)\n".utf8))
            throw ExitCode(2)
        }
    }

    /// `yyyy-MM-dd` in Vietnam time.
    static func day(_ instant: Date) -> String {
        let clock = VietnamWallClock(instant)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(clock.year)-\(two(clock.month))-\(two(clock.day))"
    }
}
