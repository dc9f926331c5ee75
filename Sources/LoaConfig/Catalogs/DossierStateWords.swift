public import LoaCore
public import LoaSettings

/// What each dossier status means to a resident who asks about it, per locale: the state in
/// plain words and what to do next (from `config/dossier-states.yaml`).
///
/// ```swift
/// let words = try DossierStateWords.load(file: "config/dossier-states.yaml")
/// words.answer(for: .resultReady, locale: .hmong)?.state   // "ua tiav lawm"
/// ```
public struct DossierStateWords: Sendable, Equatable {
    /// One status in one locale.
    public struct Answer: Sendable, Equatable, Decodable {
        /// What has happened, as a phrase.
        public var state: String
        /// What the resident should do now, when there is something.
        public var next: String?

        /// Creates an answer.
        public init(state: String, next: String? = nil) {
            self.state = state
            self.next = next
        }
    }

    /// Answers by status, then locale tag.
    public var answers: [DossierStatus: [String: Answer]]

    /// Creates the words from values.
    public init(answers: [DossierStatus: [String: Answer]]) {
        self.answers = answers
    }

    /// The answer for `status` in `locale`, falling back to Vietnamese.
    public func answer(for status: DossierStatus, locale: MessageLocale) -> Answer? {
        answers[status]?[locale.rawValue] ?? answers[status]?[MessageLocale.vietnamese.rawValue]
    }

    private struct File: Decodable { var states: [String: [String: Answer]] }

    /// Loads the file: every status needs a Vietnamese state; unknown statuses and locales are
    /// errors naming the key.
    public static func load(file path: String) throws(ConfigurationError) -> DossierStateWords {
        let file = try ReferenceData.decode(File.self, from: path)
        var answers: [DossierStatus: [String: Answer]] = [:]
        for (name, byLocale) in file.states {
            guard let status = DossierStatus.allCases.first(where: { $0.name == name }) else {
                throw ConfigurationError(key: "\(path): states.\(name)", message: "is not a status; use one of \(DossierStatus.allCases.map(\.name).joined(separator: ", "))")
            }
            for (tag, answer) in byLocale {
                guard MessageLocale.parse(tag) != nil else {
                    throw ConfigurationError(key: "\(path): states.\(name).\(tag)", message: "is not a locale Loa ships (\(MessageLocale.supported.map(\.rawValue).joined(separator: ", ")))")
                }
                guard !answer.state.isEmpty else {
                    throw ConfigurationError(key: "\(path): states.\(name).\(tag).state", message: "must not be empty")
                }
            }
            answers[status] = byLocale
        }
        for status in DossierStatus.allCases where answers[status]?[MessageLocale.vietnamese.rawValue] == nil {
            throw ConfigurationError(key: "\(path): states.\(status.name).vi", message: "every status needs a Vietnamese answer")
        }
        return DossierStateWords(answers: answers)
    }
}
