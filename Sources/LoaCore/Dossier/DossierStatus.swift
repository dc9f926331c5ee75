/// A dossier's progress, as the one-stop-shop systems and the National Public Service Portal
/// (DVCQG) number it (1–10).
///
/// Input is accepted as the DVCQG number, the OpenCPS/DVCQG English code, or the case name:
///
/// ```swift
/// DossierStatus.parse(9)              // .resultReady
/// DossierStatus.parse("releasing")    // .resultReady
/// DossierStatus.parse("resultReady")  // .resultReady
/// ```
public enum DossierStatus: Int, Sendable, CaseIterable, Codable, CustomStringConvertible {
    /// 1 Mới đăng ký: submitted (mostly online), not yet accepted.
    case submitted = 1
    /// 2 Được tiếp nhận: accepted at the desk; a return date is promised.
    case received = 2
    /// 3 Không được tiếp nhận: refused at intake.
    case refusedAtIntake = 3
    /// 4 Đang xử lý: being processed.
    case processing = 4
    /// 5 Yêu cầu bổ sung giấy tờ: the citizen must supplement documents.
    case supplementRequired = 5
    /// 6 Yêu cầu thực hiện nghĩa vụ tài chính: a fee or tax must be paid.
    case paymentRequired = 6
    /// 7 Công dân yêu cầu rút hồ sơ: withdrawn by the citizen.
    case withdrawn = 7
    /// 8 Dừng xử lý: processing stopped.
    case stopped = 8
    /// 9 Đã xử lý xong: result ready, waiting to be picked up.
    case resultReady = 9
    /// 10 Đã trả kết quả: result handed over.
    case returned = 10

    /// Loa's own name for the status (the Swift case name), used in configuration and the API.
    public var name: String {
        switch self {
        case .submitted: "submitted"
        case .received: "received"
        case .refusedAtIntake: "refusedAtIntake"
        case .processing: "processing"
        case .supplementRequired: "supplementRequired"
        case .paymentRequired: "paymentRequired"
        case .withdrawn: "withdrawn"
        case .stopped: "stopped"
        case .resultReady: "resultReady"
        case .returned: "returned"
        }
    }

    /// The OpenCPS / DVCQG English code.
    public var externalCode: String {
        switch self {
        case .submitted: "receiving"
        case .received: "new"
        case .refusedAtIntake: "denied"
        case .processing: "processing"
        case .supplementRequired: "waiting"
        case .paymentRequired: "paying"
        case .withdrawn: "cancelled"
        case .stopped: "unresolved"
        case .resultReady: "releasing"
        case .returned: "done"
        }
    }

    /// The Vietnamese label used by the one-stop-shop systems.
    public var vietnameseLabel: String {
        switch self {
        case .submitted: "Mới đăng ký"
        case .received: "Được tiếp nhận"
        case .refusedAtIntake: "Không được tiếp nhận"
        case .processing: "Đang xử lý"
        case .supplementRequired: "Yêu cầu bổ sung giấy tờ"
        case .paymentRequired: "Yêu cầu thực hiện nghĩa vụ tài chính"
        case .withdrawn: "Công dân yêu cầu rút hồ sơ"
        case .stopped: "Dừng xử lý"
        case .resultReady: "Đã xử lý xong"
        case .returned: "Đã trả kết quả"
        }
    }

    public var description: String { name }

    /// The status for a DVCQG number; nil outside 1–10.
    public static func parse(_ number: Int) -> DossierStatus? { DossierStatus(rawValue: number) }

    /// The status for an English code, a case name, or a number written as text
    /// (case-insensitive); nil for anything else.
    public static func parse(_ text: String) -> DossierStatus? {
        let key = text.trimmingWhitespace().lowercased()
        if let number = Int(key) { return parse(number) }
        return allCases.first { $0.externalCode == key || $0.name.lowercased() == key }
    }

    /// Every spelling accepted on input, for error messages.
    public static var acceptedSpellings: String {
        "a DVCQG number 1-10, an English code (" + allCases.map(\.externalCode).joined(separator: ", ")
            + ") or a Loa name (" + allCases.map(\.name).joined(separator: ", ") + ")"
    }
}
