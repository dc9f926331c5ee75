public import Foundation

/// Spreadsheet exports of appointments as a commune's office gives them, for import tests and
/// the import benchmark.
public enum AppointmentSheet {
    /// `rows` appointments, semicolon-separated with Vietnamese headers: distinct phones,
    /// ten-minute slots from 07:00 every day from a week ahead (within the 366 days a booking may
    /// be ahead), Mông and Vietnamese alternating.
    public static func make(rows: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        let start = calendar.startOfDay(for: Date().addingTimeInterval(7 * 86_400))
        var lines = ["Họ và tên;Số điện thoại;Ngôn ngữ;Thủ tục;Thời gian;Ghi chú"]
        lines.reserveCapacity(rows + 1)
        for row in 0..<rows {
            let day = calendar.date(byAdding: .day, value: row / 48, to: start)!
            let parts = calendar.dateComponents([.day, .month, .year], from: day)
            let minutes = 7 * 60 + (row % 48) * 10
            let when = String(format: "%02d/%02d/%04d %02d:%02d", parts.day!, parts.month!, parts.year!, minutes / 60, minutes % 60)
            let phone = String(format: "09%08d", 12_000_000 + row)
            lines.append("Giàng A Vảng \(row);\(phone);\(row.isMultiple(of: 2) ? "hmn" : "vi");cccd_issue;\(when);")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
