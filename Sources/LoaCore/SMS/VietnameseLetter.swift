/// A Vietnamese vowel letter taken apart: its plain base letter, its vowel mark and its tone.
/// Knows every precomposed form (à … ỵ and their capitals, 144 letters with the plain ones).
struct VietnameseLetter: Hashable {
    /// The mark that makes ă, â, ê, ô, ơ, ư out of a, e, o, u.
    enum VowelMark: Hashable {
        case plain, breve, circumflex, horn
    }

    /// The tone mark; every tone but the level one is written as a mark.
    enum Tone: Hashable, CaseIterable {
        case level, grave, acute, hookAbove, tilde, dotBelow

        /// True for the marks written above the letter. They share canonical combining class 230
        /// with the circumflex and the breve, so their order relative to those matters.
        var isAboveLetter: Bool {
            switch self {
            case .grave, .acute, .hookAbove, .tilde: true
            case .level, .dotBelow: false
            }
        }
    }

    /// The ASCII letter underneath: a, e, i, o, u, y or a capital.
    let base: Unicode.Scalar
    /// The vowel mark, `.plain` when none.
    let vowelMark: VowelMark
    /// The tone, `.level` when unmarked.
    let tone: Tone

    /// Takes apart a precomposed Vietnamese vowel letter (or a plain one); nil for any other scalar.
    init?(_ scalar: Unicode.Scalar) {
        let value = scalar.value
        let letter: VietnameseLetter?
        if Self.basicLatinToLatinExtendedB.contains(value) {
            letter = Self.inBasicLatinToLatinExtendedB[Int(value - Self.basicLatinToLatinExtendedB.lowerBound)]
        } else if Self.latinExtendedAdditional.contains(value) {
            letter = Self.inLatinExtendedAdditional[Int(value - Self.latinExtendedAdditional.lowerBound)]
        } else {
            letter = nil
        }
        guard let letter else { return nil }
        self = letter
    }

    private init(base: Unicode.Scalar, vowelMark: VowelMark, tone: Tone) {
        self.base = base
        self.vowelMark = vowelMark
        self.tone = tone
    }

    /// The precomposed letter this letter becomes with `mark` added, or nil when the two do not
    /// make a Vietnamese letter, or would not be canonically equivalent to it (a circumflex or
    /// breve typed after a tone mark above is stacked differently).
    func adding(_ mark: VietnameseCombiningMark) -> Unicode.Scalar? {
        switch mark {
        case .tone(let newTone):
            guard tone == .level else { return nil }
            return Self.byLetter[VietnameseLetter(base: base, vowelMark: vowelMark, tone: newTone)]
        case .vowelMark(let newVowelMark):
            guard vowelMark == .plain, newVowelMark == .horn || !tone.isAboveLetter else { return nil }
            return Self.byLetter[VietnameseLetter(base: base, vowelMark: newVowelMark, tone: tone)]
        }
    }

    /// Each base letter with a vowel mark, and its six forms in ``Tone`` order.
    private static let rows: [(base: Unicode.Scalar, vowelMark: VowelMark, forms: String)] = [
        ("a", .plain, "aàáảãạ"),
        ("a", .breve, "ăằắẳẵặ"),
        ("a", .circumflex, "âầấẩẫậ"),
        ("e", .plain, "eèéẻẽẹ"),
        ("e", .circumflex, "êềếểễệ"),
        ("i", .plain, "iìíỉĩị"),
        ("o", .plain, "oòóỏõọ"),
        ("o", .circumflex, "ôồốổỗộ"),
        ("o", .horn, "ơờớởỡợ"),
        ("u", .plain, "uùúủũụ"),
        ("u", .horn, "ưừứửữự"),
        ("y", .plain, "yỳýỷỹỵ"),
        ("A", .plain, "AÀÁẢÃẠ"),
        ("A", .breve, "ĂẰẮẲẴẶ"),
        ("A", .circumflex, "ÂẦẤẨẪẬ"),
        ("E", .plain, "EÈÉẺẼẸ"),
        ("E", .circumflex, "ÊỀẾỂỄỆ"),
        ("I", .plain, "IÌÍỈĨỊ"),
        ("O", .plain, "OÒÓỎÕỌ"),
        ("O", .circumflex, "ÔỒỐỔỖỘ"),
        ("O", .horn, "ƠỜỚỞỠỢ"),
        ("U", .plain, "UÙÚỦŨỤ"),
        ("U", .horn, "ƯỪỨỬỮỰ"),
        ("Y", .plain, "YỲÝỶỸỴ"),
    ]

    /// The two ranges that hold every letter: A–y, Latin-1 and Latin Extended-A/B (à, ă, ĩ, ũ,
    /// ơ, ư …), and Latin Extended Additional (ạ … ỹ).
    private static let basicLatinToLatinExtendedB: ClosedRange<UInt32> = 0x0041...0x01B0
    private static let latinExtendedAdditional: ClosedRange<UInt32> = 0x1EA0...0x1EF9

    /// The letters of each range, indexed by scalar value minus the range's start, so that
    /// taking a scalar apart is one array look-up (folding does it for every letter).
    private static let inBasicLatinToLatinExtendedB = lettersIndexed(in: basicLatinToLatinExtendedB)
    private static let inLatinExtendedAdditional = lettersIndexed(in: latinExtendedAdditional)

    private static func lettersIndexed(in range: ClosedRange<UInt32>) -> [VietnameseLetter?] {
        var letters = [VietnameseLetter?](repeating: nil, count: range.count)
        for (form, letter) in byScalar where range.contains(form.value) {
            letters[Int(form.value - range.lowerBound)] = letter
        }
        return letters
    }

    private static let byScalar: [Unicode.Scalar: VietnameseLetter] = {
        var table: [Unicode.Scalar: VietnameseLetter] = [:]
        for row in rows {
            for (tone, form) in zip(Tone.allCases, row.forms.unicodeScalars) {
                table[form] = VietnameseLetter(base: row.base, vowelMark: row.vowelMark, tone: tone)
            }
        }
        return table
    }()

    private static let byLetter: [VietnameseLetter: Unicode.Scalar] = {
        Dictionary(uniqueKeysWithValues: byScalar.map { ($0.value, $0.key) })
    }()
}
