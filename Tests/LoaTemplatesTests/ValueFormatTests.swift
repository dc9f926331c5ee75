import Foundation
import LoaCore
import LoaTemplates
import Testing

@Suite("Dates, times and amounts")
struct ValueFormatTests {
    func instant(_ rfc3339: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: rfc3339))
    }

    @Test("dates")
    func dates() throws {
        let day = try #require(CalendarDay(year: 2026, month: 12, day: 5))
        #expect(ValueFormat.vietnamese.format(.date(day)) == "05/12/2026")
        #expect(ValueFormat.hmongRPA.format(.date(day)) == "hnub tim 5 lub 12 hli 2026")
    }

    @Test("date-times are Vietnam time")
    func dateTimes() throws {
        let morning = try instant("2026-12-05T01:30:00Z")
        #expect(ValueFormat.vietnamese.format(.dateTime(morning)) == "08:30 ngày 05/12/2026")
        #expect(ValueFormat.hmongRPA.format(.dateTime(morning)) == "8:30 teev, hnub tim 5 lub 12 hli 2026")
        let afternoon = try instant("2026-12-05T14:05:00+07:00")
        #expect(ValueFormat.vietnamese.format(.dateTime(afternoon)) == "14:05 ngày 05/12/2026")
        #expect(ValueFormat.hmongRPA.format(.dateTime(afternoon)) == "14:05 teev, hnub tim 5 lub 12 hli 2026")
    }

    @Test("the Mông clock-hour word is a locale setting: teev (default), sij or none")
    func clockHourWord() throws {
        let morning = try instant("2026-12-05T01:30:00Z")
        #expect(ValueFormat.hmongRPA.format(.dateTime(morning), clockHour: .sij) == "8:30 sij, hnub tim 5 lub 12 hli 2026")
        #expect(ValueFormat.hmongRPA.format(.dateTime(morning), clockHour: .none) == "8:30, hnub tim 5 lub 12 hli 2026")
        #expect(ValueFormat.vietnamese.format(.dateTime(morning), clockHour: .sij) == "08:30 ngày 05/12/2026")
        let catalog = SmallCatalog.catalog
            .replacingOccurrences(of: "requiresReview: true}", with: "requiresReview: true, clockHour: sij}")
            .replacingOccurrences(of: "  bring: {type: text}", with: "  bring: {type: text}\n  appointmentAt: {type: dateTime}")
            .replacingOccurrences(of: "optional: [bring]", with: "optional: [bring, appointmentAt]")
            .replacingOccurrences(of: "  bring: {vi:", with: "  appointmentAt: \"2026-12-05T08:30:00+07:00\"\n  bring: {vi:")
        let hmong = SmallCatalog.hmong.replacingOccurrences(of: "nyob {{office}}.", with: "nyob {{office}}{{#appointmentAt}} thaum {{appointmentAt}}{{/appointmentAt}}.")
        let loaded = try TemplateCatalog.load(from: TemplateDirectories.temporary(SmallCatalog.files(["catalog.yaml": catalog, "hmn/result_ready.mustache": hmong])))
        let message = try loaded.render(kind: .resultReady, locale: .hmong, variables: [
            "name": .text("Giàng A Vảng"), "office": .text("Công an xã Na Ư"), "appointmentAt": .dateTime(morning),
        ])
        #expect(message.text.contains("thaum 8:30 sij, hnub tim 5 lub 12 hli 2026."), "\(message.text)")
    }

    @Test("an instant just after 17:00 UTC is the next day in Vietnam")
    func nextDayInVietnam() throws {
        let newYear = try instant("2026-12-31T17:05:00Z")
        #expect(ValueFormat.vietnamese.format(.dateTime(newYear)) == "00:05 ngày 01/01/2027")
        #expect(ValueFormat.hmongRPA.format(.dateTime(newYear)) == "0:05 teev, hnub tim 1 lub 1 hli 2027")
        let lastMinute = try instant("2026-12-31T16:59:59Z")
        #expect(ValueFormat.vietnamese.format(.dateTime(lastMinute)) == "23:59 ngày 31/12/2026")
    }

    @Test("leap days and instants before 1970")
    func calendarEdges() throws {
        #expect(ValueFormat.vietnamese.format(.dateTime(try instant("2028-02-29T10:00:00+07:00"))) == "10:00 ngày 29/02/2028")
        #expect(ValueFormat.vietnamese.format(.dateTime(try instant("1969-12-31T20:00:00Z"))) == "03:00 ngày 01/01/1970")
        #expect(ValueFormat.vietnamese.format(.dateTime(try instant("1969-12-31T16:59:00Z"))) == "23:59 ngày 31/12/1969")
    }

    @Test("the fixed UTC+7 clock agrees with Foundation's calendar over many instants")
    func agreesWithFoundation() throws {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
        formatter.dateFormat = "HH:mm 'ngày' dd/MM/yyyy"
        var seconds = -2_208_988_800.0 // 1900-01-01
        while seconds < 4_102_444_800 { // 2100-01-01
            let date = Date(timeIntervalSince1970: seconds)
            #expect(ValueFormat.vietnamese.format(.dateTime(date)) == formatter.string(from: date))
            seconds += 7_777_777.5
        }
    }

    @Test("amounts group thousands with dots", arguments: [
        (0, "0"), (999, "999"), (1005, "1.005"), (150_000, "150.000"), (1_000_000, "1.000.000"), (-25_000, "-25.000"),
    ])
    func amounts(amount: Int, written: String) {
        #expect(ValueFormat.vietnamese.format(.amount(amount)) == "\(written) đồng")
        #expect(ValueFormat.hmongRPA.format(.amount(amount)) == "\(written) dong")
    }

    @Test("text is trimmed and otherwise unchanged")
    func text() {
        #expect(ValueFormat.hmongRPA.format(.text("  Giàng A Vảng \n")) == "Giàng A Vảng")
    }
}
