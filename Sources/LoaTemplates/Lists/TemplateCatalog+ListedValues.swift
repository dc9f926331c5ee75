public import LoaCore

extension TemplateCatalog {
    /// The codes of `list` in `templates/values.yaml`, in file order.
    public func codes(in list: ValueList) -> [String] {
        listedValues.lists[list]?.map(\.code) ?? []
    }

    /// The value `code` of `list` shows in `locale`; nil for an unknown code or a locale the
    /// entry lacks (`check` reports the latter).
    public func listedValue(_ list: ValueList, code: String, locale: MessageLocale) -> String? {
        listedValues.entry(list, code: code)?.values[locale]
    }

    /// Problems in `values.yaml`: a code without a value in every locale, a value in a locale
    /// the catalog lacks, or a value that would not stay GSM-7 in a locale folded by default.
    func listedValueProblems() -> [TemplateProblem] {
        var problems: [TemplateProblem] = []
        for list in ValueList.allCases {
            for entry in listedValues.lists[list] ?? [] {
                func problem(_ locale: MessageLocale?, _ message: String) {
                    problems.append(TemplateProblem(file: ListedValues.file, line: entry.line, locale: locale, message: "\(list.rawValue).\(entry.code): \(message)"))
                }
                for locale in locales where entry.values[locale]?.isEmpty ?? true {
                    problem(locale, "no value in \(locale); every code needs one in every locale of catalog.yaml")
                }
                for locale in entry.values.keys where localeDefinitions[locale] == nil {
                    problem(locale, "'\(locale)' is not a locale under locales in catalog.yaml")
                }
                for (locale, value) in entry.values where defaultPolicy(for: locale) == .fold {
                    let analysis = SMSText.prepare(value, policy: .fold)
                    if analysis.encoding != .gsm7 {
                        problem(locale, "'\(value)' is not GSM-7 even folded; write it in plain letters")
                    }
                }
            }
        }
        return problems
    }
}
