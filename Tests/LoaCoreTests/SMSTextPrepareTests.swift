import Testing
@testable import LoaCore

@Suite("SMSText.prepare")
struct SMSTextPrepareTests {
    let vietnamese = "Công an xã Na Ư thông báo: hồ sơ cấp căn cước của ông/bà Giàng A Vảng đã có kết quả. "
        + "Đề nghị đến nhận trước ngày 15/10/2025."
    let folded = "Cong an xa Na U thong bao: ho so cap can cuoc cua ong/ba Giang A Vang da co ket qua. "
        + "De nghi den nhan truoc ngay 15/10/2025."

    @Test func unicodeKeepsMarks() {
        let analysis = SMSText.prepare(vietnamese, policy: .unicode)
        #expect(analysis.encoding == .ucs2)
        #expect(analysis.segments == 2)
        #expect(analysis.text == vietnamese)
    }

    @Test func foldRemovesMarks() {
        let analysis = SMSText.prepare(vietnamese, policy: .fold)
        #expect(analysis.encoding == .gsm7)
        #expect(analysis.segments == 1)
        #expect(analysis.text == folded)
    }

    @Test func autoFoldsWhenThatSavesAPart() {
        let analysis = SMSText.prepare(vietnamese, policy: .auto)
        #expect(analysis.text == folded)
        #expect(analysis.segments == 1)
    }

    @Test func autoKeepsMarksWhenFoldingSavesNothing() {
        let short = "Hồ sơ của ông/bà đã có kết quả."
        let analysis = SMSText.prepare(short, policy: .auto)
        #expect(analysis.text == short)
        #expect(analysis.encoding == .ucs2)
        #expect(analysis.segments == 1)
    }

    @Test func curlyQuotesAreNormalisedBeforeCounting() {
        let analysis = SMSText.prepare("“Nyob zoo” – koj’s…", policy: .unicode)
        #expect(analysis.text == "\"Nyob zoo\" - koj's...")
        #expect(analysis.encoding == .gsm7)
    }

    @Test func foldNormalisesFirst() {
        let analysis = SMSText.prepare("“Đường” — xã", policy: .fold)
        #expect(analysis.text == "\"Duong\" - xa")
        #expect(analysis.encoding == .gsm7)
    }

    @Test func mongRPAStaysGSM7UnderEveryPolicy() {
        let rpa = "Nyob zoo Giang A Vang, koj cov ntaub ntawv npaj txhij lawm."
        for policy in EncodingPolicy.allCases {
            let analysis = SMSText.prepare(rpa, policy: policy)
            #expect(analysis.encoding == .gsm7)
            #expect(analysis.text == rpa)
        }
    }
}
