import Foundation
import LoaConfig
import LoaCore
import LoaStore
import LoaTemplates
import LoaTestSupport
import LoaWorker
import Testing

/// Spreadsheet imports into a real SQLite store: the file's shapes (BOM, semicolons, quotes,
/// Vietnamese and English headers), refused rows naming their column, repeats recognised.
@Suite("Appointment import")
struct AppointmentImportTests {
    let clock = ManualClock(AppointmentPlannerTests.vn(2, 10))
    let folder: TemporaryFolder
    let store: SQLiteStore

    init() async throws {
        folder = try TemporaryFolder()
        store = try SQLiteStore(path: folder.path("loa.sqlite"))
        try await store.migrate()
    }

    var importer: AppointmentImport {
        let now: @Sendable () -> Date = { [clock] in clock.now }
        return AppointmentImport(
            store: store,
            validator: AppointmentValidator(reference: AppointmentPlannerTests.reference, allowForeignNumbers: false, now: now),
            planner: AppointmentPlanner(
                scheduler: AppointmentScheduler(reminders: ReminderPolicy(quietHours: .standard)), reference: AppointmentPlannerTests.reference,
                composer: MessageComposer(catalog: AppointmentPlannerTests.catalog, quietHours: .standard), now: now),
            batchSize: 2)
    }

    func run(_ text: String, bom: Bool = false, commune: String? = nil, dryRun: Bool = false) async throws -> AppointmentImport.Summary {
        let table = try CSVTable(bytes: (bom ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8))
        let columns = try AppointmentColumns(header: table.header, communeGiven: commune != nil)
        return try await importer.run(table, columns: columns, commune: commune, dryRun: dryRun)
    }

    static let vietnamese = """
        Họ và tên;Số điện thoại;Ngôn ngữ;Thủ tục;Thời gian;Xã;Ghi chú
        Giàng A Vảng;0912 345 678;hmn;cccd_issue;05/12/2026 07:30;na-u;"mang ảnh; 2 bản"
        Lò Thị Mai;0987654321;vi;cccd_issue;5/12/2026 9:00;na-u;
        """

    @Test("a Vietnamese export with a BOM and semicolons books every row with its messages")
    func bomAndSemicolons() async throws {
        let summary = try await run(Self.vietnamese.replacingOccurrences(of: "\n", with: "\r\n"), bom: true)
        #expect(summary == AppointmentImport.Summary(rows: 2, booked: 2, messages: 6, duplicates: 0, rejected: []))
        let day = CalendarDay(year: 2026, month: 12, day: 5)!.vietnamMidnight
        let booked = try await store.appointments(startingFrom: day, before: day.addingTimeInterval(86_400), commune: "na-u")
        #expect(booked.map(\.applicantName) == ["Giàng A Vảng", "Lò Thị Mai"])
        #expect(booked.map(\.startsAt) == [AppointmentPlannerTests.vn(5, 7, 30), AppointmentPlannerTests.vn(5, 9)])
        #expect(booked[0].note == "mang ảnh; 2 bản", "a quoted separator stays in its field")
        #expect(booked[0].locale == .hmong)
        #expect(booked.allSatisfy { $0.bookedBy == nil && $0.place == "Trụ sở UBND xã Na Ư" })
        let messages = try await store.appointmentMessages(appointmentId: booked[0].id)
        #expect(messages.map(\.kind) == [.appointmentConfirmed, .appointmentReminder, .appointmentReminder])
    }

    @Test("English headers with commas, quoted line breaks, and --commune for rows without one")
    func englishHeaders() async throws {
        let text = """
            Name,Phone,Procedure,Starts at,Place,Dossier code
            "Vàng Thị Dợ",0336123456,cccd_issue,06/12/2026 08:00,"Nhà văn hoá
            bản Huổi Lếch",000.00.00.H15-241130-0007
            """
        let summary = try await run(text, commune: "muong-nhe")
        #expect(summary.booked == 1)
        #expect(summary.rejected.isEmpty)
        let day = CalendarDay(year: 2026, month: 12, day: 6)!.vietnamMidnight
        let booked = try #require(try await store.appointments(startingFrom: day, before: day.addingTimeInterval(86_400), commune: nil).first)
        #expect(booked.commune == "muong-nhe")
        #expect(booked.place == "Nhà văn hoá bản Huổi Lếch", "a line break inside a cell is a space")
        #expect(booked.dossierCode == "000.00.00.H15-241130-0007")
        #expect(booked.locale == .vietnamese)
    }

    @Test("a duplicate row is booked once; importing the file again books nothing new")
    func duplicates() async throws {
        let text = Self.vietnamese + "\nGiàng A Vảng;+84912345678;hmn;cccd_issue;05/12/2026 07:30;na-u;again\n"
        let first = try await run(text)
        #expect(first.booked == 2)
        #expect(first.duplicates == 1)
        let again = try await run(text)
        #expect(again == AppointmentImport.Summary(rows: 3, booked: 0, messages: 0, duplicates: 3, rejected: []))
        let dry = try await run(text, dryRun: true)
        #expect(dry.duplicates == 3)
        let day = CalendarDay(year: 2026, month: 12, day: 5)!.vietnamMidnight
        #expect(try await store.appointments(startingFrom: day, before: day.addingTimeInterval(86_400), commune: nil).count == 2)
    }

    @Test("a dry run checks and counts every row and writes nothing")
    func dryRun() async throws {
        let text = Self.vietnamese + "\nGiàng A Vảng;+84912345678;hmn;cccd_issue;05/12/2026 07:30;na-u;repeat in file\n"
        let summary = try await run(text, dryRun: true)
        #expect(summary == AppointmentImport.Summary(rows: 3, booked: 2, messages: 6, duplicates: 1, rejected: []))
        #expect(try await store.countsByState().values.reduce(0, +) == 0)
    }

    @Test("each refused row names its line, its column and the fix; the other rows are booked")
    func refusedRows() async throws {
        let text = """
            Họ và tên,Số điện thoại,Thủ tục,Thời gian,Xã
            Giàng A Vảng,0215 3825 555,cccd_issue,05/12/2026 07:30,na-u
            Lò Thị Mai,0987654321,cccd_issue,2026-12-05 09:00,na-u
            Vàng A Chư,0987654322,cccd_issue,01/12/2026 09:00,na-u
            Sùng A Páo,0987654323,passport,05/12/2026 10:00,na-u
            Ly A Dế,0987654324,cccd_issue,05/12/2026 10:00,ha-noi
            ,0987654325,cccd_issue,05/12/2026 10:00,na-u
            Thào A Sử,0987654326,cccd_issue,05/12/2026 10:00,na-u,extra
            Hờ A Lử,0987654327,cccd_issue,31/02/2026 10:00,na-u
            Mùa A Sình,0987654328,cccd_issue,05/12/2026 11:00,na-u
            """
        let summary = try await run(text)
        #expect(summary.booked == 1)
        #expect(summary.rejected.map(\.line) == [2, 3, 4, 5, 6, 7, 8, 9])
        #expect(summary.rejected.map(\.column) == ["Số điện thoại", "Thời gian", "Thời gian", "Thủ tục", "Xã", "Họ và tên", nil, "Thời gian"])
        let lines = summary.rejected.map(\.description)
        #expect(lines[0].hasPrefix("row 2, column 'Số điện thoại': "))
        #expect(lines[1].contains("dd/MM/yyyy HH:mm"))
        #expect(lines[2].contains("in the past"))
        #expect(lines[3].contains("config/procedures.yaml"))
        #expect(lines[4].contains("config/communes.yaml"))
        #expect(lines[6].contains("quote values"))
    }

    @Test("--commune and a row naming another commune disagree: that row is refused")
    func communeConflict() async throws {
        let summary = try await run(Self.vietnamese.replacingOccurrences(of: "07:30;na-u", with: "07:30;sin-thau"), commune: "na-u")
        #expect(summary.booked == 1)
        #expect(summary.rejected.map(\.column) == ["Xã"])
    }

    @Test("malformed files and headers are refused before anything is booked")
    func malformed() throws {
        #expect(throws: CSVTable.Failure.notUTF8) { try CSVTable(bytes: Array("Tên;SĐT\n".utf8) + [0xC3, 0x28]) }
        #expect(throws: CSVTable.Failure.empty) { try CSVTable(bytes: [0xEF, 0xBB, 0xBF, 0x0A, 0x0A]) }
        #expect(throws: CSVTable.Failure.unterminatedQuote(line: 2)) { try CSVTable(bytes: Array("Name,Phone\n\"Giàng,0912345678\n".utf8)) }
        #expect(throws: AppointmentColumns.Failure.missing(.startsAt)) {
            try AppointmentColumns(header: ["Họ và tên", "SĐT", "Thủ tục", "Xã"], communeGiven: false)
        }
        #expect(throws: AppointmentColumns.Failure.missing(.commune)) {
            try AppointmentColumns(header: ["Name", "Phone", "Procedure", "Starts at"], communeGiven: false)
        }
        #expect(throws: AppointmentColumns.Failure.unknown("Tuổi")) {
            try AppointmentColumns(header: ["Name", "Phone", "Procedure", "Starts at", "Tuổi"], communeGiven: true)
        }
        #expect(throws: AppointmentColumns.Failure.twice(.applicantPhone, "Phone", "Số điện thoại")) {
            try AppointmentColumns(header: ["Name", "Phone", "Procedure", "Starts at", "Số điện thoại"], communeGiven: true)
        }
    }

    @Test("header spellings: marks, case and spacing do not matter")
    func headerSpellings() throws {
        let columns = try AppointmentColumns(header: ["HỌ VÀ TÊN", "so dien thoai", "Thủ Tục", "Ngày giờ", " xã "], communeGiven: false)
        #expect(columns.index == [.applicantName: 0, .applicantPhone: 1, .procedure: 2, .startsAt: 3, .commune: 4])
    }

    @Test("sheet times: dd/MM/yyyy HH:mm in Vietnam time, leading zeros optional, nothing else")
    func sheetTimes() {
        #expect(SheetTime.instant("05/12/2026 08:30") == AppointmentPlannerTests.vn(5, 8, 30))
        #expect(SheetTime.instant("5/12/2026 8:30") == AppointmentPlannerTests.vn(5, 8, 30))
        #expect(SheetTime.instant(" 05/12/2026 08:30:00 ") == AppointmentPlannerTests.vn(5, 8, 30))
        for bad in ["2026-12-05 08:30", "05/12/26 08:30", "05/12/2026", "32/12/2026 08:30", "05/13/2026 08:30", "05/12/2026 24:00", "05/12/2026 8:3", "+5/12/2026 08:30"] {
            #expect(SheetTime.instant(bad) == nil, "\(bad)")
        }
    }
}
