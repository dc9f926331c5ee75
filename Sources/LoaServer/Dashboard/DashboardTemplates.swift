import Mustache

/// The dashboard's HTML templates (`Dashboard/Templates/*.mustache`, compiled into the binary so
/// that `loa` needs no files beside it), rendered with HTML escaping.
struct DashboardTemplates: Sendable {
    /// The pages; each includes `header` and `footer`.
    enum Page: String {
        case signIn = "sign_in", refused, overview, problems, search, texts
    }

    let library: MustacheLibrary

    init() throws {
        let sources: [String: [UInt8]] = [
            "header": PackageResources.header_mustache, "footer": PackageResources.footer_mustache,
            "tally_table": PackageResources.tally_table_mustache, "message_rows": PackageResources.message_rows_mustache,
            "sign_in": PackageResources.sign_in_mustache, "refused": PackageResources.refused_mustache,
            "overview": PackageResources.overview_mustache, "problems": PackageResources.problems_mustache,
            "search": PackageResources.search_mustache, "texts": PackageResources.texts_mustache,
        ]
        library = MustacheLibrary(templates: try sources.mapValues { try MustacheTemplate(string: String(decoding: $0, as: UTF8.self)) })
    }

    /// The page filled with `values`.
    func render(_ page: Page, _ values: [String: Any]) -> String {
        library.render(values, withTemplate: page.rawValue) ?? ""
    }
}
