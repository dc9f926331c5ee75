import Foundation
import LoaCore
import LoaStore
import LoaTestSupport
import Testing

/// `loa appointments import|list|show|cancel` as the real binary runs them on a database.
@Suite("loa appointments, end to end", .serialized)
struct AppointmentsCommandTests {
    /// `dd/MM/yyyy` of the Vietnam day `daysAhead` from today, and that day as yyyy-MM-dd.
    static func day(_ daysAhead: Int) -> (sheet: String, iso: String) {
        let local = Date().addingTimeInterval(Double(daysAhead * 86_400 + 7 * 3600))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        let parts = calendar.dateComponents([.year, .month, .day], from: local)
        let (year, month, day) = (parts.year!, parts.month!, parts.day!)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return ("\(two(day))/\(two(month))/\(year)", "\(year)-\(two(month))-\(two(day))")
    }

    /// Runs `arguments`; returns the exit status and standard output, failing or not.
    static func run(_ loa: LoaBinary, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        do {
            return (0, try await loa.run(arguments))
        } catch let failure as CommandFailure {
            return (failure.status, failure.standardOutput)
        }
    }

    @Test("import a semicolon file with a BOM: good rows booked, the bad one named, a repeat recognised; then list, show, cancel")
    func importListShowCancel() async throws {
        let loa = try LoaBinary()
        let day = Self.day(3)
        let csv = """
            Họ và tên;Số điện thoại;Ngôn ngữ;Thủ tục;Thời gian;Ghi chú
            Giàng A Vảng;0912 345 678;hmn;cccd_issue;\(day.sheet) 08:30;"mang ảnh; 2 bản"
            Lò Thị Mai;0215 3825 555;vi;cccd_issue;\(day.sheet) 09:00;
            Vàng Thị Dợ;0987654321;vi;cccd_issue;\(day.sheet) 10:00;
            Giàng A Vảng;+84912345678;hmn;cccd_issue;\(day.sheet) 08:30;lặp lại
            """
        let file = loa.folder.path("lich-hen.csv")
        try Data([0xEF, 0xBB, 0xBF] + Array(csv.replacingOccurrences(of: "\n", with: "\r\n").utf8)).write(to: URL(fileURLWithPath: file))

        let dry = try await Self.run(loa, ["appointments", "import", file, "--commune", "na-u", "--dry-run"])
        #expect(dry.status == 1)
        #expect(dry.output.contains("would book 2 (6 messages), 1 already booked, 1 rejected; dry run, nothing was written"), "\(dry.output)")

        let first = try await Self.run(loa, ["appointments", "import", file, "--commune", "na-u"])
        #expect(first.status == 1, "a rejected row makes the command fail")
        let lines = first.output.split(separator: "\n").map(String.init)
        #expect(lines.contains("4/4 rows"), "plain progress lines when not a terminal: \(first.output)")
        #expect(lines.contains { $0.hasPrefix("row 3, column 'Số điện thoại': ") && $0.contains("landline") })
        #expect(lines.last == "\(file): 4 rows: booked 2 (6 messages), 1 already booked, 1 rejected")

        let again = try await Self.run(loa, ["appointments", "import", file, "--commune", "na-u"])
        #expect(again.output.contains("booked 0 (0 messages), 3 already booked, 1 rejected"), "\(again.output)")

        let list = try await loa.run(["appointments", "list", "--date", day.iso, "--commune", "na-u"])
        let rows = list.split(separator: "\n").filter { $0.hasPrefix("apt_") }
        #expect(rows.count == 2)
        #expect(rows[0].contains("T08:30:00+07:00") && rows[0].contains("*******678") && rows[0].contains("3 messages: 3 pending"))
        #expect(!list.contains("+84912345678"))
        #expect(list.hasSuffix("2 appointment(s) on \(day.iso) in na-u\n"))

        let id = String(rows[0].split(separator: "\t")[0])
        let show = try await loa.run(["appointments", "show", id])
        #expect(show.contains("appointment_confirmed\tpending"))
        #expect(show.split(separator: "\n").filter { $0.contains("appointment_reminder") }.count == 2)
        #expect(show.contains("note\tmang ảnh; 2 bản"))

        let cancel = try await loa.run(["appointments", "cancel", id, "--reason", "cán bộ đi công tác"])
        #expect(cancel.contains("\tcancelled\t"))
        #expect(cancel.contains("the resident is told in msg_"))
        let store = try SQLiteStore(path: loa.databasePath)
        let messages = try await store.appointmentMessages(appointmentId: id)
        #expect(messages.map(\.state) == [.cancelled, .cancelled, .cancelled, .pending])
        #expect(messages.last?.kind == .appointmentCancelled)
        let refused = try await Self.run(loa, ["appointments", "cancel", id])
        #expect(refused.status != 0)
    }

    @Test("a file that is not a table, or lacks a column, is refused before anything is booked")
    func malformedFile() async throws {
        let loa = try LoaBinary()
        let noStart = loa.folder.path("no-start.csv")
        try Data("Name,Phone,Procedure\nGiàng A Vảng,0912345678,cccd_issue\n".utf8).write(to: URL(fileURLWithPath: noStart))
        let missing = try await loa.runFailing(["appointments", "import", noStart, "--commune", "na-u"])
        #expect(missing.status != 0)
        #expect(missing.error.contains("no column for startsAt"), "\(missing.error)")
        let open = loa.folder.path("open-quote.csv")
        try Data("Name,Phone,Procedure,Starts at\n\"Giàng A Vảng,0912345678,cccd_issue,05/12/2030 08:30\n".utf8).write(to: URL(fileURLWithPath: open))
        let quote = try await loa.runFailing(["appointments", "import", open, "--commune", "na-u"])
        #expect(quote.error.contains("line 2: a quoted field"), "\(quote.error)")
        #expect(try await loa.run(["appointments", "list", "--date", Self.day(0).iso]).hasPrefix("0 appointment(s)"))
    }
}
