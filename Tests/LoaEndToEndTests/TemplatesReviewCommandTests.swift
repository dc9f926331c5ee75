import Foundation
import LoaPeers
import LoaTestSupport
import Testing

/// `loa templates review`, `check` and `diff` as a reviewer uses them, on a copy of the shipped
/// templates: a review is recorded with the text it approved, and an edit afterwards makes the
/// text unreviewed again, with the words that changed.
@Suite("loa templates review, check and diff")
struct TemplatesReviewCommandTests {
    /// Runs `loa` with `arguments`; its exit status and standard output.
    static func loa(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        try await blockingWork { try runLoa(arguments) }
    }

    /// ``loa(_:)`` on the calling thread.
    private static func runLoa(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let run = try CapturedRun(executable: LoaBinary.executable, arguments: arguments)
        return (run.status, String(decoding: run.standardOutput, as: UTF8.self))
    }

    @Test("a recorded review holds until the text changes; diff shows the change")
    func reviewThenEdit() async throws {
        let folder = try TemporaryFolder()
        let templates = folder.url.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("templates"), to: templates)

        let review = try await Self.loa(["templates", "review", "--templates", templates.path, "--locale", "hmn", "--kind", "refused",
                                   "--by", "Vàng A Dế", "--notes", "tsis lees txais ok"])
        #expect(review.status == 0, "\(review.output)")
        #expect(review.output.contains("tsis lees txais koj cov ntaub ntawv {{dossierCode}}"), "the text itself: \(review.output)")
        #expect(review.output.contains("== rendered with the samples (GSM-7"), "\(review.output)")
        #expect(review.output.contains("recorded in \(templates.path)/reviews.yaml"), "\(review.output)")

        let reviewed = try await Self.loa(["templates", "check", "--templates", templates.path])
        #expect(reviewed.status == 0)
        #expect(!reviewed.output.contains("hmn/refused.mustache"), "\(reviewed.output)")
        #expect(reviewed.output.contains("hmn/result_ready.mustache (never reviewed; sent as warn)"), "\(reviewed.output)")

        let file = templates.appendingPathComponent("hmn/refused.mustache")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "tsis lees txais", with: "tsis txais").write(to: file, atomically: true, encoding: .utf8)
        let changed = try await Self.loa(["templates", "check", "--templates", templates.path])
        #expect(changed.output.contains("hmn/refused.mustache (changed since Vàng A Dế's review of "), "\(changed.output)")
        let diff = try await Self.loa(["templates", "diff", "--templates", templates.path, "--kind", "refused"])
        #expect(diff.output.contains("tsis [-lees-] txais koj"), "\(diff.output)")
    }
}
