import Foundation
import LoaStore
import LoaTestSupport
import Testing

/// The 10,000-row spreadsheet the residents issue names, through the real `loa appointments
/// import`: every row booked with its three messages, then every row recognised. How fast is a
/// benchmark figure (`loa-bench import`), not asserted here.
@Suite("loa appointments import of 10,000 rows, end to end", .serialized)
struct AppointmentsLargeImportTests {
    @Test("10,000 rows are all booked once, and recognised when imported again")
    func tenThousandRows() async throws {
        let loa = try LoaBinary()
        let file = loa.folder.path("lich-hen.csv")
        try Data(AppointmentSheet.make(rows: 10_000).utf8).write(to: URL(fileURLWithPath: file))

        let first = try await loa.run(["appointments", "import", file, "--commune", "na-u"])
        #expect(first.hasSuffix("\(file): 10000 rows: booked 10000 (30000 messages), 0 already booked, 0 rejected\n"), "\(first.suffix(400))")
        let again = try await loa.run(["appointments", "import", file, "--commune", "na-u"])
        #expect(again.hasSuffix("\(file): 10000 rows: booked 0 (0 messages), 10000 already booked, 0 rejected\n"), "\(again.suffix(400))")

        let store = try SQLiteStore(path: loa.databasePath)
        #expect(try await store.countsByState()[.pending] == 30_000)
    }
}
