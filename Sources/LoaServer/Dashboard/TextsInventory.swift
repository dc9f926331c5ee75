import LoaCore
import LoaTemplates

/// What the dashboard's texts page shows of the template catalog, worked out once at start:
/// the texts still waiting for a native speaker's review, and how many segments each kind's
/// text takes in each locale with the catalog's sample values.
struct TextsInventory: Sendable {
    struct Cell: Sendable {
        let locale: String
        /// Segments of the sample render; 0 when it does not render.
        let segments: Int
        let encoding: String
    }

    struct Row: Sendable {
        let kind: String
        let cells: [Cell]
    }

    let unreviewed: [UnreviewedText]
    let locales: [String]
    let segments: [Row]

    init(catalog: TemplateCatalog) {
        unreviewed = catalog.unreviewed()
        locales = catalog.locales.map(\.rawValue)
        segments = catalog.kinds.map { kind in
            Row(kind: kind.rawValue, cells: catalog.locales.map { locale in
                let rendered = try? catalog.render(kind: kind, locale: locale, variables: catalog.sampleVariables(for: kind, locale: locale))
                return Cell(
                    locale: locale.rawValue, segments: rendered?.analysis.segments ?? 0,
                    encoding: rendered?.analysis.encoding.rawValue ?? "")
            })
        }
    }
}
