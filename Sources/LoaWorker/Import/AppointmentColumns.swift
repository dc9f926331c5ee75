public import LoaCore

/// Which column of a spreadsheet holds which appointment field, read from its header in
/// Vietnamese or English, with or without marks, in any case and spacing (`Số điện thoại`,
/// `so dien thoai`, `Phone`, `SĐT` all name the phone).
///
/// ```swift
/// let columns = try AppointmentColumns(header: table.header, communeGiven: false)
/// columns.index[.applicantPhone]   // 1
/// columns.name[.applicantPhone]    // "Số điện thoại", as the file writes it
/// ```
public struct AppointmentColumns: Sendable, Equatable {
    /// The column index of each field the file has.
    public let index: [AppointmentField: Int]
    /// The header of each field's column, as written in the file.
    public let name: [AppointmentField: String]

    /// The spellings each field's column may have, folded (no marks, lower case, letters and
    /// digits only).
    static let spellings: [AppointmentField: Set<String>] = [
        .applicantName: ["name", "fullname", "applicant", "applicantname", "hovaten", "hoten", "ten", "nguoidan", "congdan"],
        .applicantPhone: ["phone", "phonenumber", "mobile", "sodienthoai", "dienthoai", "sdt", "sodt"],
        .applicantLocale: ["locale", "language", "lang", "ngonngu"],
        .dossierCode: ["dossiercode", "dossier", "mahoso", "hoso"],
        .procedure: ["procedure", "thutuc", "matthc", "thutuchanhchinh"],
        .startsAt: ["startsat", "start", "appointment", "datetime", "dateandtime", "time", "thoigian", "ngaygio", "lichhen", "thoigianhen", "ngayhen", "giohen"],
        .place: ["place", "location", "diadiem", "noihen"],
        .note: ["note", "notes", "ghichu"],
        .commune: ["commune", "xa", "maxa", "xaphuong"],
    ]

    /// The fields every file must have a column for; `commune` too unless `--commune` gives it.
    static let required: [AppointmentField] = [.applicantName, .applicantPhone, .procedure, .startsAt]

    /// Why a header cannot be used.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// A required field has no column.
        case missing(AppointmentField)
        /// Two columns name the same field.
        case twice(AppointmentField, String, String)
        /// A column names no field.
        case unknown(String)

        public var description: String {
            switch self {
            case .missing(let field):
                "no column for \(field.rawValue); add one headed \(AppointmentColumns.suggestion(for: field))"
            case .twice(let field, let first, let second):
                "columns '\(first)' and '\(second)' both name \(field.rawValue); keep one"
            case .unknown(let header):
                "column '\(header)' names no appointment field; rename it (\(AppointmentColumns.known)) or remove it"
            }
        }
    }

    /// Reads `header`; `communeGiven` when the commune comes from the command line instead.
    public init(header: [String], communeGiven: Bool) throws(Failure) {
        var index: [AppointmentField: Int] = [:]
        var name: [AppointmentField: String] = [:]
        for (position, title) in header.enumerated() where !title.isEmpty {
            let folded = AppointmentColumns.fold(title)
            guard let field = AppointmentColumns.spellings.first(where: { $0.value.contains(folded) })?.key else {
                throw .unknown(title)
            }
            if let first = name[field] { throw .twice(field, first, title) }
            index[field] = position
            name[field] = title
        }
        for field in AppointmentColumns.required + (communeGiven ? [] : [.commune]) where index[field] == nil {
            throw .missing(field)
        }
        self.index = index
        self.name = name
    }

    /// A header as compared: Vietnamese marks and đ folded, lower case, letters and digits only.
    static func fold(_ header: String) -> String {
        String(VietnameseFolding.fold(header).lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) })
    }

    static func suggestion(for field: AppointmentField) -> String {
        switch field {
        case .applicantName: "'Họ và tên' or 'Name'"
        case .applicantPhone: "'Số điện thoại' or 'Phone'"
        case .applicantLocale: "'Ngôn ngữ' or 'Locale'"
        case .dossierCode: "'Mã hồ sơ' or 'Dossier code'"
        case .procedure: "'Thủ tục' or 'Procedure'"
        case .startsAt: "'Thời gian' or 'Starts at' (dd/MM/yyyy HH:mm)"
        case .place: "'Địa điểm' or 'Place'"
        case .note: "'Ghi chú' or 'Note'"
        case .commune: "'Xã' or 'Commune' (or give --commune)"
        case .reason: "'Reason'"
        }
    }

    static let known = "Họ và tên, Số điện thoại, Ngôn ngữ, Mã hồ sơ, Thủ tục, Thời gian, Địa điểm, Ghi chú, Xã, or the English Name, Phone, Locale, Dossier code, Procedure, Starts at, Place, Note, Commune"
}
