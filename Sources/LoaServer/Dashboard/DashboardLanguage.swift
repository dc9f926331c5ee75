/// The dashboard's language: Vietnamese unless the operator switched to English (a `loa_lang`
/// cookie). ``words`` are the page texts the templates show as `{{t.name}}`.
enum DashboardLanguage: String, Sendable, CaseIterable {
    case vietnamese = "vi"
    case english = "en"

    /// The other language, which the switch offers.
    var other: DashboardLanguage { self == .vietnamese ? .english : .vietnamese }

    /// The page texts in this language, by name.
    var words: [String: String] {
        self == .vietnamese ? Self.vietnameseWords : Self.englishWords
    }

    private static let englishWords: [String: String] = [
        "title": "Loa — delivery", "signIn": "Sign in", "signOut": "Sign out", "apiKey": "API key (operator or admin)",
        "signInHint": "Paste your operator or admin API key. The session ends after 8 hours or when you sign out.",
        "wrongKey": "This key is not valid or was revoked.", "officerRefused": "Only operator and admin keys may use the dashboard.",
        "formExpired": "This form has expired or did not come from this page; reload and try again.",
        "crossSite": "Refused: the form was posted from another site.",
        "overview": "Overview", "problems": "Problems", "search": "Search", "texts": "Texts",
        "today": "Today", "lastSevenDays": "Last 7 days", "messages": "Messages", "deliveryRate": "Delivery rate",
        "segmentsSent": "Segments sent", "submitted": "Submitted", "delivered": "Delivered", "failed": "Failed",
        "lastDay": "Last 24 hours, per hour (messages created in the hour)", "byState": "By state",
        "byDay": "By day", "byProvider": "By provider", "byCarrier": "By carrier", "byCommune": "By commune",
        "byLocale": "By language", "byKind": "By kind", "queue": "Queue", "inDoubt": "In-doubt attempts (resent)",
        "providers": "Providers", "circuit": "Circuit", "errorRate": "Recent error rate", "lastError": "Last error",
        "waitingOrSending": "Waiting or sending", "noReportYet": "Sent, no report yet",
        "problemsTitle": "Failed, expired and undelivered messages (last 7 days)", "pendingTitle": "Waiting messages (last 7 days)",
        "retry": "Retry", "cancel": "Cancel", "reason": "Reason", "state": "State", "dossier": "Dossier", "phone": "Phone",
        "kind": "Kind", "language": "Language", "created": "Created", "updated": "Updated", "none": "None.",
        "searchHint": "Dossier code or phone number", "results": "Results", "find": "Find",
        "unreviewedTitle": "Texts not yet reviewed by a native speaker", "neverReviewed": "never reviewed",
        "changedSinceReview": "changed since its review", "segmentsTitle": "Segments per text (sample values)",
        "segments": "Segments", "encoding": "Encoding", "outcome": "Done", "group": "Group", "total": "Total",
        "switchLanguage": "Tiếng Việt", "queueDepth": "Queue depth (pending and sending)", "sessionEnds": "Session ends",
        "dueNow": "Due now", "waitingFor": "Waiting for", "oldestWaiting": "Oldest waiting message",
        "wait.quietHours": "quiet hours", "wait.dailyCap": "the daily cap", "wait.retryBackoff": "a retry",
        "wait.providerRateLimit": "the provider's rate limit", "wait.circuitOpen": "a provider circuit to close",
        "wait.scheduled": "its scheduled time", "wait.textReview": "an operator (text not reviewed)",
        "releaseUnreviewed": "Send as written", "releaseVietnamese": "Send in Vietnamese",
    ]

    private static let vietnameseWords: [String: String] = [
        "title": "Loa — gửi tin", "signIn": "Đăng nhập", "signOut": "Đăng xuất", "apiKey": "Khóa API (vận hành hoặc quản trị)",
        "signInHint": "Dán khóa API vận hành hoặc quản trị. Phiên kết thúc sau 8 giờ hoặc khi đăng xuất.",
        "wrongKey": "Khóa này không hợp lệ hoặc đã bị thu hồi.", "officerRefused": "Chỉ khóa vận hành và quản trị được dùng trang này.",
        "formExpired": "Biểu mẫu đã hết hạn hoặc không đến từ trang này; tải lại trang rồi thử lại.",
        "crossSite": "Từ chối: biểu mẫu được gửi từ trang web khác.",
        "overview": "Tổng quan", "problems": "Sự cố", "search": "Tìm kiếm", "texts": "Nội dung tin",
        "today": "Hôm nay", "lastSevenDays": "7 ngày qua", "messages": "Tin nhắn", "deliveryRate": "Tỷ lệ đến máy",
        "segmentsSent": "Số phần tin đã gửi", "submitted": "Đã gửi đi", "delivered": "Đã đến máy", "failed": "Thất bại",
        "lastDay": "24 giờ qua, theo giờ (tin tạo trong giờ đó)", "byState": "Theo trạng thái",
        "byDay": "Theo ngày", "byProvider": "Theo nhà cung cấp", "byCarrier": "Theo nhà mạng", "byCommune": "Theo xã",
        "byLocale": "Theo ngôn ngữ", "byKind": "Theo loại tin", "queue": "Hàng đợi", "inDoubt": "Lần gửi không rõ kết quả (đã gửi lại)",
        "providers": "Nhà cung cấp", "circuit": "Mạch", "errorRate": "Tỷ lệ lỗi gần đây", "lastError": "Lỗi gần nhất",
        "waitingOrSending": "Đang chờ hoặc đang gửi", "noReportYet": "Đã gửi, chưa có báo cáo",
        "problemsTitle": "Tin thất bại, hết hạn, không đến máy (7 ngày qua)", "pendingTitle": "Tin đang chờ (7 ngày qua)",
        "retry": "Gửi lại", "cancel": "Hủy", "reason": "Lý do", "state": "Trạng thái", "dossier": "Hồ sơ", "phone": "Số điện thoại",
        "kind": "Loại", "language": "Ngôn ngữ", "created": "Tạo lúc", "updated": "Cập nhật", "none": "Không có.",
        "searchHint": "Mã hồ sơ hoặc số điện thoại", "results": "Kết quả", "find": "Tìm",
        "unreviewedTitle": "Nội dung chưa được người bản ngữ duyệt", "neverReviewed": "chưa từng duyệt",
        "changedSinceReview": "đã sửa sau lần duyệt", "segmentsTitle": "Số phần tin mỗi nội dung (giá trị mẫu)",
        "segments": "Số phần", "encoding": "Mã hóa", "outcome": "Kết quả", "group": "Nhóm", "total": "Tổng",
        "switchLanguage": "English", "queueDepth": "Tin trong hàng đợi (chờ và đang gửi)", "sessionEnds": "Phiên kết thúc",
        "dueNow": "Đến hạn gửi", "waitingFor": "Đang chờ", "oldestWaiting": "Tin chờ lâu nhất",
        "wait.quietHours": "hết giờ yên tĩnh", "wait.dailyCap": "hạn mức trong ngày", "wait.retryBackoff": "lần gửi lại",
        "wait.providerRateLimit": "giới hạn tốc độ của nhà cung cấp", "wait.circuitOpen": "nhà cung cấp hoạt động lại",
        "wait.scheduled": "thời điểm đã hẹn", "wait.textReview": "người vận hành (nội dung chưa được duyệt)",
        "releaseUnreviewed": "Gửi nguyên văn", "releaseVietnamese": "Gửi bằng tiếng Việt",
    ]
}
