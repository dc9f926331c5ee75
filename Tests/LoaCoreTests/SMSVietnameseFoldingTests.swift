import Testing
@testable import LoaCore

/// Compares scalar by scalar: `String ==` treats canonically equivalent texts (NFC and NFD) as
/// equal, which would hide what folding does to combining marks.
private func scalars(_ text: String) -> [UInt32] {
    text.unicodeScalars.map(\.value)
}

@Suite("VietnameseFolding.fold")
struct SMSVietnameseFoldingTests {
    static let vowels: [(base: String, letters: String)] = [
        ("a", "aàáảãạăằắẳẵặâầấẩẫậ"), ("e", "eèéẻẽẹêềếểễệ"), ("i", "iìíỉĩị"),
        ("o", "oòóỏõọôồốổỗộơờớởỡợ"), ("u", "uùúủũụưừứửữự"), ("y", "yỳýỷỹỵ"),
        ("A", "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ"), ("E", "EÈÉẺẼẸÊỀẾỂỄỆ"), ("I", "IÌÍỈĨỊ"),
        ("O", "OÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ"), ("U", "UÙÚỦŨỤƯỪỨỬỮỰ"), ("Y", "YỲÝỶỸỴ"),
    ]

    @Test func foldsEveryPrecomposedVowel() {
        var count = 0
        for (base, letters) in Self.vowels {
            for letter in letters.unicodeScalars {
                #expect(VietnameseFolding.fold(String(letter)) == base, "\(letter)")
                count += 1
            }
        }
        #expect(count == 144)
    }

    @Test func foldsDToD() {
        #expect(VietnameseFolding.fold("Đường đi") == "Duong di")
    }

    @Test func foldsCombiningForms() {
        let decomposed = "Tie\u{302}\u{301}ng Vie\u{323}\u{302}t, o\u{31B}\u{300}, a\u{306}\u{303}"
        #expect(scalars(VietnameseFolding.fold(decomposed)) == scalars("Tieng Viet, o, a"))
    }

    @Test func keepsEverythingElse() {
        let other = "Nyob zoo 15/10/2025 ñ ç ß € 😀 {}"
        #expect(scalars(VietnameseFolding.fold(other)) == scalars(other))
    }

    @Test func foldsASentence() {
        #expect(
            VietnameseFolding.fold("Công an xã Na Ư: hồ sơ của ông/bà Giàng A Vảng đã có kết quả.")
                == "Cong an xa Na U: ho so cua ong/ba Giang A Vang da co ket qua."
        )
    }
}
