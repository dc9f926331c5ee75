import LoaCore
import Testing

@Suite struct ResidentCommandTests {
    static let code = "000.00.00.H15-241130-0001"

    @Test(arguments: [
        "HS 000.00.00.H15-241130-0001", "hs 000.00.00.h15-241130-0001", "  Hs\t 000.00.00.H15-241130-0001  ",
        "HS000.00.00.H15-241130-0001", "TRACUU 000.00.00.H15-241130-0001", "tra cứu 000.00.00.H15-241130-0001",
        "Tra Cuu   000.00.00.h15-241130-0001", "TRACỨU 000.00.00.H15-241130-0001",
    ])
    func statusRequestsNameTheCodeInCapitals(_ text: String) {
        #expect(ResidentCommand(parsing: text) == .dossierStatus(code: Self.code))
    }

    @Test(arguments: ["TC", "tc", "HUY", "Hủy", "HỦY", " huy ", "STOP", "stop", "Stop\n"])
    func stopKeywords(_ text: String) {
        #expect(ResidentCommand(parsing: text) == .stopNotifications)
    }

    @Test(arguments: ["DK", "dk", "ĐK", "đk", " Đk "])
    func resumeKeywords(_ text: String) {
        #expect(ResidentCommand(parsing: text) == .resumeNotifications)
    }

    @Test(arguments: [
        ("MONG", MessageLocale.hmong), ("Mông", .hmong), ("MÔNG", .hmong), ("hmoob", .hmong), ("HMOOB", .hmong),
        ("VIET", .vietnamese), ("Việt", .vietnamese), ("viet", .vietnamese),
    ])
    func languageKeywords(_ text: String, _ locale: MessageLocale) {
        #expect(ResidentCommand(parsing: text) == .language(locale))
    }

    @Test(arguments: [
        "", "   ", "HS", "TRACUU", "tra cuu", "HS 000 111", "HS <script>", "HS " + String(repeating: "1", count: 65),
        "TC nua", "cam on", "DK 123", "VIET NAM", "Thẻ căn cước của tôi xong chưa?", "HS 000.00.00.H15-241130-0001 xong chua",
    ])
    func anythingElseIsUnrecognised(_ text: String) {
        #expect(ResidentCommand(parsing: text) == .unrecognised)
    }

    @Test func longestCodeIsAccepted() {
        let code = String(repeating: "A", count: ResidentCommand.maximumCodeLength)
        #expect(ResidentCommand(parsing: "hs " + code.lowercased()) == .dossierStatus(code: code))
    }
}
