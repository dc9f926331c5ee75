import LoaCore

extension TemplateCatalog {
    /// Everything `loa templates check` reports, catalog first, then kind by kind; empty when the
    /// catalog and its templates agree and every sample fits its budget.
    ///
    /// Checks: catalog keys are known; every kind has a template in every locale and no template
    /// file is unknown to the catalog; every variable a template uses is declared and listed by
    /// its kind, and optional ones sit inside their own section; every required variable is used
    /// in every locale; every variable has a sample; sample renders keep each `maxSegments`
    /// budget, and every locale's default policy has a budget; locales whose default policy is
    /// `fold` render GSM-7; template files hold no typographic characters that would be replaced
    /// before sending; `reviews.yaml` names known kinds and its kept texts match their hashes.
    /// Unreviewed texts are not problems; see ``unreviewed()``.
    public func check() -> [TemplateProblem] {
        var problems = loadProblems + localeProblems() + variableProblems() + reviewLedgerProblems() + listedValueProblems()
        for kind in kinds {
            guard let entry = entries[kind] else { continue }
            problems += definitionProblems(entry.definition)
            for locale in locales {
                guard let template = entry.templates[locale] else {
                    problems.append(TemplateProblem(
                        file: Self.templateFile(kind: kind, locale: locale), kind: kind, locale: locale,
                        message: "missing: every kind needs a text in every locale of catalog.yaml; create this file"
                    ))
                    continue
                }
                problems += variableUseProblems(in: template, of: entry, locale: locale)
                problems += typographicProblems(in: template, kind: kind, locale: locale)
                problems += sampleProblems(of: entry, in: template, locale: locale)
                problems += rendererProblems(of: entry, in: template, locale: locale)
            }
        }
        return problems
    }

    private func catalogProblem(_ path: String, _ message: String, kind: NotificationKind? = nil) -> TemplateProblem {
        TemplateProblem(file: "catalog.yaml", line: catalogLines[path], kind: kind, message: "\(path): \(message)")
    }

    private func localeProblems() -> [TemplateProblem] {
        let supported = MessageLocale.supported.map(\.rawValue).joined(separator: ", ")
        return locales.filter { !MessageLocale.supported.contains($0) }.map { locale in
            catalogProblem(
                "locales.\(locale)",
                "Loa does not support this locale yet (supported: \(supported)); add it to MessageLocale.supported or remove it"
            )
        }
    }

    private func variableProblems() -> [TemplateProblem] {
        let listed = Set(entries.values.flatMap(\.definition.variables))
        var problems: [TemplateProblem] = []
        for name in variableNames {
            if !listed.contains(name) {
                problems.append(catalogProblem("variables.\(name)", "no kind takes this variable; list it in a kind or remove it"))
            }
            let localesWithoutSample = locales.filter { samples.values(for: $0)[name] == nil }
            if !localesWithoutSample.isEmpty {
                let which = localesWithoutSample.count == locales.count
                    ? "" : " for \(localesWithoutSample.map(\.rawValue).joined(separator: ", "))"
                problems.append(catalogProblem("variables.\(name)", "no sample value\(which); add one under samples"))
            }
        }
        for locale in samples.perLocale.keys where localeDefinitions[locale] == nil {
            problems.append(catalogProblem("samples", "values for '\(locale)', which is not a locale under locales"))
        }
        return problems
    }

    private func definitionProblems(_ definition: KindDefinition) -> [TemplateProblem] {
        let kind = definition.kind
        let path = "kinds.\(kind)"
        var problems: [TemplateProblem] = []
        for (list, names) in [("required", definition.required), ("optional", definition.optional)] {
            for name in names where variableTypes[name] == nil {
                let suggestion = SpellingSuggestion.closest(to: name, among: variableNames).map { " (did you mean '\($0)'?)" } ?? ""
                problems.append(catalogProblem(
                    "\(path).\(list)", "'\(name)' is not declared under variables\(suggestion); declare it or fix the name", kind: kind
                ))
            }
        }
        for name in Set(definition.required).intersection(definition.optional).sorted() {
            problems.append(catalogProblem("\(path).optional", "'\(name)' is also required; list it once", kind: kind))
        }
        if let name = definition.expiresNoLaterThan,
           variableTypes[name] != .dateTime || !definition.required.contains(name) {
            problems.append(catalogProblem(
                "\(path).expiresNoLaterThan", "'\(name)' must be a required variable of type dateTime", kind: kind
            ))
        }
        for locale in definition.maxSegments.keys where localeDefinitions[locale] == nil {
            problems.append(catalogProblem("\(path).maxSegments", "'\(locale)' is not a locale under locales", kind: kind))
        }
        for locale in locales {
            let policy = defaultPolicy(for: locale)
            if definition.maxSegments[locale]?[policy] == nil {
                problems.append(catalogProblem(
                    "\(path).maxSegments",
                    "no budget for \(locale) with its default encoding \(policy.rawValue); add \(locale): {\(policy.rawValue): N}",
                    kind: kind
                ))
            }
        }
        for locale in definition.reviewNotes.keys.sorted(by: { $0.rawValue < $1.rawValue }) where localeDefinitions[locale] == nil {
            problems.append(catalogProblem("\(path).review", "'\(locale)' is not a locale under locales", kind: kind))
        }
        return problems
    }

    private func variableUseProblems(in template: CompiledTemplate, of entry: KindEntry, locale: MessageLocale) -> [TemplateProblem] {
        let definition = entry.definition
        func problem(_ line: Int?, _ message: String) -> TemplateProblem {
            TemplateProblem(file: template.file, line: line, kind: definition.kind, locale: locale, message: message)
        }
        var problems: [TemplateProblem] = []
        var used: Set<String> = []
        for tag in template.tags {
            switch tag.role {
            case .comment, .sectionEnd:
                continue
            case .unsupported(let feature):
                problems.append(problem(tag.line, "\(feature) is not supported in SMS templates; use plain {{name}} variables and {{#name}} sections"))
                continue
            case .variable, .section, .invertedSection:
                break
            }
            used.insert(tag.name)
            if variableTypes[tag.name] == nil {
                let suggestion = SpellingSuggestion.closest(to: tag.name, among: variableNames).map { " (did you mean '\($0)'?)" } ?? ""
                problems.append(problem(tag.line, "'\(tag.name)' is not declared under variables in catalog.yaml\(suggestion)"))
            } else if entry.slots.indices[tag.name] == nil {
                problems.append(problem(tag.line, "'\(tag.name)' is not listed in kinds.\(definition.kind).required or optional; list it there"))
            } else if tag.role == .variable, definition.optional.contains(tag.name), !tag.enclosingSections.contains(tag.name) {
                problems.append(problem(
                    tag.line,
                    "optional '\(tag.name)' is outside a {{#\(tag.name)}}...{{/\(tag.name)}} section, so the text breaks when it is absent"
                ))
            }
        }
        for name in definition.required where !used.contains(name) {
            problems.append(problem(nil, "required variable '\(name)' is not used; add {{\(name)}} or make it optional in catalog.yaml"))
        }
        return problems
    }

    private func typographicProblems(in template: CompiledTemplate, kind: NotificationKind, locale: MessageLocale) -> [TemplateProblem] {
        var problems: [TemplateProblem] = []
        for (index, line) in template.source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            for (column, scalar) in line.unicodeScalars.enumerated() {
                guard let issue = TypographicIssue(scalar) else { continue }
                problems.append(TemplateProblem(
                    file: template.file, line: index + 1, kind: kind, locale: locale,
                    message: "column \(column + 1): \(issue)"
                ))
            }
        }
        return problems
    }

    /// Renders the samples, with and without the optional variables, through both the compiled
    /// program and swift-mustache; they must agree.
    private func rendererProblems(of entry: KindEntry, in template: CompiledTemplate, locale: MessageLocale) -> [TemplateProblem] {
        guard let localeDefinition = localeDefinitions[locale] else { return [] }
        let all = sampleVariables(for: entry.definition.kind, locale: locale)
        let requiredOnly = all.filter { entry.definition.required.contains($0.key) }
        for variables in [all, requiredOnly] {
            guard let shown = try? shownValues(
                variables, for: entry, format: localeDefinition.format, clockHour: localeDefinition.clockHour) else { continue }
            let compiled = template.render(shown)
            let reference = template.renderWithReference(shown, slots: entry.slots)
            if compiled != reference {
                return [TemplateProblem(
                    file: template.file, kind: entry.definition.kind, locale: locale,
                    message: "Loa renders \"\(compiled)\" but swift-mustache renders \"\(reference)\"; "
                        + "keep to {{name}} and {{#name}}...{{/name}} tags and report this template to the developers"
                )]
            }
        }
        return []
    }

    private func sampleProblems(of entry: KindEntry, in template: CompiledTemplate, locale: MessageLocale) -> [TemplateProblem] {
        let kind = entry.definition.kind
        let variables = sampleVariables(for: kind, locale: locale)
        func problem(_ message: String) -> TemplateProblem {
            TemplateProblem(file: template.file, kind: kind, locale: locale, message: message)
        }
        var policies = EncodingPolicy.allCases.filter { entry.definition.maxSegments[locale]?[$0] != nil }
        if defaultPolicy(for: locale) == .fold, !policies.contains(.fold) {
            policies.append(.fold)
        }
        var problems: [TemplateProblem] = []
        for policy in policies {
            let message: RenderedMessage
            do {
                message = try render(kind: kind, locale: locale, variables: variables, policy: policy)
            } catch {
                return [problem("the samples do not render (\(error)); add the sample under samples in catalog.yaml")]
            }
            let analysis = message.analysis
            if let budget = entry.definition.maxSegments[locale]?[policy], analysis.segments > budget {
                problems.append(problem(
                    "the sample costs \(analysis.segments) parts with \(policy.rawValue) (\(analysis.units) \(analysis.encoding.rawValue) units), "
                        + "over the budget of \(budget) in kinds.\(kind).maxSegments.\(locale); shorten the text or raise the budget"
                ))
            }
            if policy == .fold, defaultPolicy(for: locale) == .fold, analysis.encoding != .gsm7 {
                let culprit = analysis.text.first { !SMSText.isGSM7(String($0)) }.map { " because of '\($0)'" } ?? ""
                problems.append(problem(
                    "the folded sample is not GSM-7\(culprit), so every message costs UCS-2; write the text in plain letters"
                ))
            }
        }
        return problems
    }
}
