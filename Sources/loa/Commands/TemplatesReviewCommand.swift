import ArgumentParser
import Foundation
import LoaCore
import LoaTemplates

extension TemplatesCommand {
    /// `loa templates review`: shows one text and its sample renders, then records a native
    /// speaker's review of exactly that text in `reviews.yaml`.
    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a native speaker's review of one template text, bound to its SHA-256.",
            discussion: """
                Prints the text as it is in the file, what changed since its last review, the notes \
                for reviewers and the text rendered with the catalog's samples (with and without the \
                optional values), then appends the review to templates/reviews.yaml. Once the file \
                changes, the text counts as unreviewed again.
                """
        )

        @Option(name: .long, help: "The locale, e.g. hmn.")
        var locale: String

        @Option(name: .long, help: "The notification kind, e.g. result_ready.")
        var kind: String

        @Option(name: .long, help: "The reviewer's name.")
        var by: String

        @Option(name: .long, help: "The reviewer's remarks.")
        var notes: String?

        @Option(name: .long, help: "The templates directory.")
        var templates = "templates"

        func validate() throws {
            guard !by.trimmingWhitespace().isEmpty else { throw ValidationError("--by needs the reviewer's name") }
        }

        func run() throws {
            let catalog = try TemplatesCommand.load(templates)
            let kind = NotificationKind(rawValue: kind)
            let locale = MessageLocale(rawValue: locale)
            guard catalog.definition(of: kind) != nil else {
                throw failure("unknown kind '\(kind)'; the catalog has \(catalog.kinds.map(\.rawValue).joined(separator: ", "))")
            }
            guard let text = catalog.text(of: kind, in: locale) else {
                throw failure("no text for \(kind) in '\(locale)'; the catalog's locales are \(catalog.locales.map(\.rawValue).joined(separator: ", "))")
            }
            let problems = catalog.check()
            guard problems.isEmpty else {
                throw failure("\(problems.count) problem(s) in \(templates), first: \(problems[0]); fix them (loa templates check) before reviewing")
            }
            let file = "\(templates)/\(locale)/\(kind).mustache"
            print("== \(file)")
            print(text.trimmingWhitespace())
            if let last = catalog.reviews(of: kind, in: locale).last {
                let diff = TextDiff(from: last.text, to: text)
                print(diff.isEmpty && last.approves(text)
                    ? "\n== unchanged since \(last.reviewedBy)'s review of \(TemplatesCommand.day(last.reviewedAt))"
                    : "\n== changed since \(last.reviewedBy)'s review of \(TemplatesCommand.day(last.reviewedAt)):\n\(diff.marked)")
            }
            if let reviewerNotes = catalog.definition(of: kind)?.reviewNotes[locale] {
                print("\n== notes for reviewers\n\(reviewerNotes)")
            }
            let definition = catalog.definition(of: kind)
            let samples = catalog.sampleVariables(for: kind, locale: locale)
            let requiredOnly = samples.filter { definition?.required.contains($0.key) ?? false }
            for (title, variables) in [("with the samples", samples), ("with the required values only", requiredOnly)] {
                do {
                    let rendered = try catalog.render(kind: kind, locale: locale, variables: variables)
                    let analysis = rendered.analysis
                    print("\n== rendered \(title) (\(analysis.encoding.rawValue), \(analysis.segments) part(s))\n\(rendered.text)")
                } catch {
                    print("\n== rendered \(title): cannot render (\(error))")
                }
            }
            guard let review = catalog.newReview(of: kind, in: locale, by: by.trimmingWhitespace(), notes: notes, at: Date()) else {
                throw failure("no text for \(kind) in '\(locale)'")
            }
            do {
                try TemplateReviewLedger.append(review, to: URL(fileURLWithPath: templates))
            } catch {
                throw failure("cannot write \(templates)/\(TemplateReviewLedger.file): \(error.localizedDescription)")
            }
            print("\nrecorded in \(templates)/\(TemplateReviewLedger.file): \(kind) in \(locale) reviewed by \(review.reviewedBy) (sha256 \(review.sha256.prefix(12))…)")
        }

        /// Reports `message` on standard error; the command then exits with status 2.
        private func failure(_ message: String) -> ExitCode {
            FileHandle.standardError.write(Data("error: \(message)\n".utf8))
            return ExitCode(2)
        }
    }

    /// `loa templates diff`: what changed in each text since its review.
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what changed in each reviewed text since its review, word by word.",
            discussion: """
                For every text that needs review: nothing when its review still matches, the words \
                removed [-like this-] and added {+like this+} since its last review, or that it was \
                never reviewed. Exit status 0 either way.
                """
        )

        @Option(name: .long, help: "Only this locale.")
        var locale: String?

        @Option(name: .long, help: "Only this kind.")
        var kind: String?

        @Option(name: .long, help: "The templates directory.")
        var templates = "templates"

        func run() throws {
            let catalog = try TemplatesCommand.load(templates)
            let texts = catalog.unreviewed().filter { text in
                (locale.map { text.locale.rawValue == $0 } ?? true) && (kind.map { text.kind.rawValue == $0 } ?? true)
            }
            for text in texts {
                guard let review = text.lastReview, let current = catalog.text(of: text.kind, in: text.locale) else {
                    print("\(templates)/\(text.file): never reviewed")
                    continue
                }
                print("\(templates)/\(text.file): changed since \(review.reviewedBy)'s review of \(TemplatesCommand.day(review.reviewedAt))")
                print("  " + TextDiff(from: review.text, to: current).marked)
            }
            if texts.isEmpty { print("every text matches its review") }
        }
    }
}
