import LoaCore
import LoaWorker
import Testing

@Suite("USSD paths")
struct USSDRequestTests {
    @Test(arguments: [
        ("", USSDRequest.menu), ("1", .askCode), ("1*000.00.00.h15-241130-0001", .dossier(code: "000.00.00.H15-241130-0001")),
        (" 1 * h15-1 ", .dossier(code: "H15-1")), ("1*", .badCode), ("1*<b>", .badCode), ("2", .appointments), ("3", .languageMenu),
        ("3*1", .language(.vietnamese)), ("3*2", .language(.hmong)), ("3*3", .invalid), ("4", .invalid), ("*", .invalid),
        ("1*A*B", .invalid), ("2*1", .invalid),
    ])
    func paths(_ path: String, _ expected: USSDRequest) {
        #expect(USSDRequest(path: path) == expected)
    }
}
