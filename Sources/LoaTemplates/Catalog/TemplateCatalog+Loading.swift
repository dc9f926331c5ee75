public import Foundation
import LoaCore
import Yams

extension TemplateCatalog {
    /// Loads `catalog.yaml` and every `<locale>/<kind>.mustache` from `directory`, parsing each
    /// template once.
    ///
    /// Throws ``TemplateCatalogError`` when the catalog cannot be used: the file is missing or not
    /// YAML, a needed key is absent, a value is invalid, or a template is not valid Mustache.
    /// Everything else (unknown keys, missing or extra template files, budgets, …) is reported by
    /// ``check()``.
    public static func load(from directory: URL) throws(TemplateCatalogError) -> TemplateCatalog {
        let root = try readCatalogRoot(in: directory)
        var reader = CatalogReader()
        let top = try reader.fields(of: root, at: "", known: ["locales", "variables", "kinds", "samples"])

        let locales = try readLocales(
            reader.required("locales", in: top, fix: "list the locales, e.g. vi: {encoding: unicode, formats: vietnamese}"),
            with: &reader
        )
        let variables = try readVariables(
            reader.required("variables", in: top, fix: "declare every variable, e.g. name: {type: text}"),
            with: &reader
        )
        let definitions = try readKinds(reader.required("kinds", in: top, fix: "define at least one kind"), with: &reader)
        let samples = try top["samples"].map { node throws(TemplateCatalogError) in
            try readSamples(node, types: Dictionary(uniqueKeysWithValues: variables.map { ($0.name, $0.type) }), with: &reader)
        } ?? SampleValues(shared: [:], perLocale: [:])

        let types = Dictionary(uniqueKeysWithValues: variables.map { ($0.name, $0.type) })
        var entries: [NotificationKind: KindEntry] = [:]
        for definition in definitions {
            let slots = VariableSlots(definition.variables)
            var templates: [MessageLocale: CompiledTemplate] = [:]
            for locale in locales.map(\.locale) {
                let file = templateFile(kind: definition.kind, locale: locale)
                guard let source = try readTemplate(file, in: directory) else { continue }
                templates[locale] = try CompiledTemplate(file: file, source: source, slots: slots)
            }
            entries[definition.kind] = KindEntry(definition: definition, templates: templates, slots: slots, types: types)
        }

        return TemplateCatalog(
            locales: locales.map(\.locale),
            kinds: definitions.map(\.kind),
            localeDefinitions: Dictionary(uniqueKeysWithValues: locales.map { ($0.locale, $0) }),
            variableTypes: types,
            variableNames: variables.map(\.name),
            entries: entries,
            samples: samples,
            listedValues: try ListedValues.read(from: directory),
            reviews: try TemplateReviewLedger.read(from: directory),
            catalogLines: reader.lines,
            loadProblems: reader.problems + unknownTemplateFiles(
                in: directory, locales: Set(locales.map(\.locale.rawValue)), kinds: Set(definitions.map(\.kind.rawValue))
            )
        )
    }

    /// `<locale>/<kind>.mustache`, relative to the templates directory.
    static func templateFile(kind: NotificationKind, locale: MessageLocale) -> String {
        "\(locale.rawValue)/\(kind.rawValue).mustache"
    }

    private static func readCatalogRoot(in directory: URL) throws(TemplateCatalogError) -> Node {
        let text: String
        do {
            text = try String(contentsOf: directory.appendingPathComponent(CatalogReader.file), encoding: .utf8)
        } catch {
            throw .unreadable(file: CatalogReader.file, reason: error.localizedDescription)
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                throw .malformedYAML(file: CatalogReader.file, line: mark.line, problem: problem)
            default:
                throw .malformedYAML(file: CatalogReader.file, line: nil, problem: "\(error)")
            }
        } catch {
            throw .malformedYAML(file: CatalogReader.file, line: nil, problem: "\(error)")
        }
        guard let root else {
            throw .missingKey(file: CatalogReader.file, line: nil, key: "locales", fix: "the catalog is empty; see templates/README.md")
        }
        return root
    }

    private static func readLocales(_ node: Node, with reader: inout CatalogReader) throws(TemplateCatalogError) -> [LocaleDefinition] {
        var locales: [LocaleDefinition] = []
        for (tag, localeNode) in try reader.entries(of: node, at: "locales") {
            let path = "locales.\(tag)"
            guard isFileName(tag, allowing: "-") else {
                throw reader.invalid(localeNode, at: path, fix: "name the locale with a lower-case tag such as vi or hmn")
            }
            let fields = try reader.fields(of: localeNode, at: path, known: ["encoding", "formats", "requiresReview", "unreviewed", "holdAs", "clockHour"])
            let unreviewedPolicy = try fields["unreviewed"].map { node throws(TemplateCatalogError) in
                try reader.choice(node, at: "\(path).unreviewed", of: UnreviewedTextPolicy.self)
            } ?? .warn
            if let holdAs = fields["holdAs"], unreviewedPolicy != .hold {
                throw reader.invalid(holdAs, at: "\(path).holdAs", fix: "holdAs applies only with unreviewed: hold; remove it or set unreviewed: hold")
            }
            locales.append(LocaleDefinition(
                locale: MessageLocale(rawValue: tag),
                defaultPolicy: try reader.choice(
                    reader.required("encoding", in: fields, fix: "give the default encoding policy: unicode, fold or auto"),
                    at: "\(path).encoding", of: EncodingPolicy.self
                ),
                format: try reader.choice(
                    reader.required("formats", in: fields, fix: "say how dates and amounts are written: vietnamese or hmong-rpa"),
                    at: "\(path).formats", of: ValueFormat.self
                ),
                requiresReview: try fields["requiresReview"].map { node throws(TemplateCatalogError) in
                    try reader.bool(node, at: "\(path).requiresReview")
                } ?? false,
                unreviewedPolicy: unreviewedPolicy,
                unreviewedHold: try fields["holdAs"].map { node throws(TemplateCatalogError) in
                    try reader.choice(node, at: "\(path).holdAs", of: UnreviewedHold.self)
                } ?? .vietnamese,
                clockHour: try fields["clockHour"].map { node throws(TemplateCatalogError) in
                    try reader.choice(node, at: "\(path).clockHour", of: ClockHourWord.self)
                } ?? .teev
            ))
        }
        return locales
    }

    private static func readVariables(_ node: Node, with reader: inout CatalogReader) throws(TemplateCatalogError) -> [(name: String, type: VariableType)] {
        var variables: [(name: String, type: VariableType)] = []
        for (name, variableNode) in try reader.entries(of: node, at: "variables") {
            let path = "variables.\(name)"
            let fields = try reader.fields(of: variableNode, at: path, known: ["type"])
            let type = try reader.choice(
                reader.required("type", in: fields, fix: "give its type: text, date, dateTime or amount"),
                at: "\(path).type", of: VariableType.self
            )
            variables.append((name, type))
        }
        return variables
    }

    private static func readKinds(
        _ node: Node, with reader: inout CatalogReader
    ) throws(TemplateCatalogError) -> [KindDefinition] {
        var definitions: [KindDefinition] = []
        for (name, kindNode) in try reader.entries(of: node, at: "kinds") {
            let path = "kinds.\(name)"
            guard isFileName(name, allowing: "_") else {
                throw reader.invalid(kindNode, at: path, fix: "name the kind in snake_case, e.g. result_ready")
            }
            let fields = try reader.fields(of: kindNode, at: path, known: [
                "priority", "validity", "expiresNoLaterThan", "required", "optional",
                "maxSegments", "providerTemplateIds", "review", "encoding",
            ])
            let validityNode = try reader.required("validity", in: fields, fix: "say how long a message may wait, e.g. 7d, 12h or 30m")
            let validityText = try reader.string(validityNode, at: "\(path).validity")
            guard let validity = parseValidity(validityText) else {
                throw .invalidValue(
                    file: CatalogReader.file, line: validityNode.mark?.line, key: "\(path).validity",
                    found: validityText, fix: "write a number followed by d, h or m, at most 366d, e.g. 7d"
                )
            }
            definitions.append(KindDefinition(
                kind: NotificationKind(rawValue: name),
                priority: try reader.choice(
                    reader.required("priority", in: fields, fix: "give a priority: urgent, normal or bulk"),
                    at: "\(path).priority", of: MessagePriority.self
                ),
                validity: validity,
                expiresNoLaterThan: try reader.optionalString(fields["expiresNoLaterThan"], at: "\(path).expiresNoLaterThan"),
                required: try reader.stringList(fields["required"], at: "\(path).required"),
                optional: try reader.stringList(fields["optional"], at: "\(path).optional"),
                maxSegments: try readBudgets(
                    reader.required("maxSegments", in: fields, fix: "give segment budgets, e.g. {vi: {unicode: 3, fold: 2}, hmn: {fold: 2}}"),
                    at: "\(path).maxSegments", with: &reader
                ),
                providerTemplateIds: try readProviderTemplateIds(fields["providerTemplateIds"], at: "\(path).providerTemplateIds", with: &reader),
                reviewNotes: try readReviewNotes(fields["review"], at: "\(path).review", with: &reader),
                encoding: try readEncodings(fields["encoding"], at: "\(path).encoding", with: &reader)
            ))
        }
        return definitions
    }

    private static func readBudgets(
        _ node: Node, at path: String, with reader: inout CatalogReader
    ) throws(TemplateCatalogError) -> [MessageLocale: [EncodingPolicy: Int]] {
        var budgets: [MessageLocale: [EncodingPolicy: Int]] = [:]
        for (tag, localeNode) in try reader.entries(of: node, at: path) {
            let localePath = "\(path).\(tag)"
            let fields = try reader.fields(of: localeNode, at: localePath, known: EncodingPolicy.allCases.map(\.rawValue))
            var perPolicy: [EncodingPolicy: Int] = [:]
            for policy in EncodingPolicy.allCases {
                guard let budgetNode = fields[policy.rawValue] else { continue }
                perPolicy[policy] = try reader.positiveInt(budgetNode, at: "\(localePath).\(policy.rawValue)")
            }
            budgets[MessageLocale(rawValue: tag)] = perPolicy
        }
        return budgets
    }

    private static func readEncodings(
        _ node: Node?, at path: String, with reader: inout CatalogReader
    ) throws(TemplateCatalogError) -> [MessageLocale: EncodingPolicy] {
        guard let node else { return [:] }
        var policies: [MessageLocale: EncodingPolicy] = [:]
        for (tag, policyNode) in try reader.entries(of: node, at: path) {
            policies[MessageLocale(rawValue: tag)] = try reader.choice(policyNode, at: "\(path).\(tag)", of: EncodingPolicy.self)
        }
        return policies
    }

    private static func readProviderTemplateIds(
        _ node: Node?, at path: String, with reader: inout CatalogReader
    ) throws(TemplateCatalogError) -> [String: String] {
        guard let node else { return [:] }
        var identifiers: [String: String] = [:]
        for (provider, idNode) in try reader.entries(of: node, at: path) {
            identifiers[provider] = try reader.string(idNode, at: "\(path).\(provider)")
        }
        return identifiers
    }

    /// `review.<locale>.notes`. A sign-off written here (`reviewedBy`, `reviewedAt`, as catalogs
    /// before reviews were bound to the text had it) is reported: it would approve whatever text
    /// the file holds later, so reviews are recorded with `loa templates review` instead.
    private static func readReviewNotes(
        _ node: Node?, at path: String, with reader: inout CatalogReader
    ) throws(TemplateCatalogError) -> [MessageLocale: String] {
        guard let node else { return [:] }
        var notes: [MessageLocale: String] = [:]
        for (tag, reviewNode) in try reader.entries(of: node, at: path) {
            let reviewPath = "\(path).\(tag)"
            let fields = try reader.fields(of: reviewNode, at: reviewPath, known: ["notes", "reviewedBy", "reviewedAt"])
            for key in ["reviewedBy", "reviewedAt"] where fields[key].map({ $0.null == nil }) ?? false {
                reader.report(at: reviewPath, "\(key) is no longer read here: a review must be bound to the text it approved; "
                    + "record it with loa templates review --locale \(tag) --kind \(path.split(separator: ".")[1]) --by NAME, and remove \(key)")
            }
            notes[MessageLocale(rawValue: tag)] = try reader.optionalString(fields["notes"], at: "\(reviewPath).notes")
        }
        return notes
    }

    private static func readSamples(
        _ node: Node, types: [String: VariableType], with reader: inout CatalogReader
    ) throws(TemplateCatalogError) -> SampleValues {
        var shared: [String: TemplateValue] = [:]
        var perLocale: [MessageLocale: [String: TemplateValue]] = [:]
        for (name, sampleNode) in try reader.entries(of: node, at: "samples") {
            let path = "samples.\(name)"
            guard let type = types[name] else {
                reader.report(at: path, "'\(name)' is not declared under variables; declare it or remove the sample")
                continue
            }
            if case .mapping = sampleNode {
                for (tag, valueNode) in try reader.entries(of: sampleNode, at: path) {
                    perLocale[MessageLocale(rawValue: tag), default: [:]][name] =
                        try sampleValue(valueNode, type: type, at: "\(path).\(tag)", with: reader)
                }
            } else {
                shared[name] = try sampleValue(sampleNode, type: type, at: path, with: reader)
            }
        }
        return SampleValues(shared: shared, perLocale: perLocale)
    }

    private static func sampleValue(
        _ node: Node, type: VariableType, at path: String, with reader: CatalogReader
    ) throws(TemplateCatalogError) -> TemplateValue {
        let text = try reader.string(node, at: path)
        guard let value = TemplateValue(parsing: text, as: type) else {
            throw .invalidValue(file: CatalogReader.file, line: node.mark?.line, key: path, found: text, fix: "write a \(type)")
        }
        return value
    }

    /// The longest validity a kind may have: a notice older than a year helps nobody, and a
    /// bound keeps every expiry instant far inside what the store can hold.
    static let maxValiditySeconds = 366 * 86_400

    /// `7d`, `12h`, `30m`, up to ``maxValiditySeconds``.
    private static func parseValidity(_ text: String) -> Duration? {
        guard let unit = text.last, let count = Int(text.dropLast()), count > 0 else { return nil }
        let unitSeconds: Int
        switch unit {
        case "d": unitSeconds = 86_400
        case "h": unitSeconds = 3600
        case "m": unitSeconds = 60
        default: return nil
        }
        let (seconds, overflow) = count.multipliedReportingOverflow(by: unitSeconds)
        guard !overflow, seconds <= maxValiditySeconds else { return nil }
        return .seconds(seconds)
    }

    /// Lower-case ASCII letters, digits and `separator`: safe as a file or folder name.
    private static func isFileName(_ name: String, allowing separator: Character) -> Bool {
        !name.isEmpty && name.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == separator }
    }

    /// The template's text, or nil when the file does not exist (reported by `check`).
    private static func readTemplate(_ file: String, in directory: URL) throws(TemplateCatalogError) -> String? {
        let url = directory.appendingPathComponent(file)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            return try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw .unreadable(file: file, reason: error.localizedDescription)
        }
    }

    /// Template files on disk that the catalog does not know: a folder that is not a locale, or a
    /// file that is not a kind.
    private static func unknownTemplateFiles(in directory: URL, locales: Set<String>, kinds: Set<String>) -> [TemplateProblem] {
        let fileManager = FileManager.default
        let suffix = ".mustache"
        let entries = ((try? fileManager.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
        var problems: [TemplateProblem] = []
        for entry in entries {
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: directory.appendingPathComponent(entry).path, isDirectory: &isDirectory) else { continue }
            guard isDirectory.boolValue else {
                if entry.hasSuffix(suffix) {
                    problems.append(TemplateProblem(
                        file: entry, message: "template outside a locale folder; move it to <locale>/\(entry)"
                    ))
                }
                continue
            }
            let files = ((try? fileManager.contentsOfDirectory(atPath: directory.appendingPathComponent(entry).path)) ?? [])
                .filter { $0.hasSuffix(suffix) }.sorted()
            for file in files {
                let kind = String(file.dropLast(suffix.count))
                let path = "\(entry)/\(file)"
                if !locales.contains(entry) {
                    problems.append(TemplateProblem(
                        file: path, message: "'\(entry)' is not a locale in catalog.yaml; add it under locales or delete the folder"
                    ))
                } else if !kinds.contains(kind) {
                    let suggestion = SpellingSuggestion.closest(to: kind, among: kinds).map { " (did you mean '\($0)'?)" } ?? ""
                    problems.append(TemplateProblem(
                        file: path, locale: MessageLocale(rawValue: entry),
                        message: "'\(kind)' is not a kind in catalog.yaml\(suggestion); add it under kinds or delete the file"
                    ))
                }
            }
        }
        return problems
    }
}
