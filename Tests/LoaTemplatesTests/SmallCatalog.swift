/// A small, valid catalog for tests that change one thing at a time.
enum SmallCatalog {
    static let catalog = """
        locales:
          vi: {encoding: unicode, formats: vietnamese}
          hmn: {encoding: fold, formats: hmong-rpa, requiresReview: true}
        variables:
          name: {type: text}
          office: {type: text}
          bring: {type: text}
        kinds:
          result_ready:
            priority: normal
            validity: 7d
            required: [name, office]
            optional: [bring]
            maxSegments: {vi: {unicode: 3, fold: 2}, hmn: {fold: 2}}
            providerTemplateIds: {}
            review: {hmn: {notes: "tuaj txais is P"}}
        samples:
          name: "Giàng A Vảng"
          office: "Công an xã Na Ư"
          bring: {vi: "giấy hẹn", hmn: "daim ntawv teem caij"}
        """

    static let vietnamese = "Mời {{name}} đến {{office}} nhận kết quả.{{#bring}} Mang theo {{bring}}.{{/bring}}\n"
    static let hmong = "Nyob zoo {{name}}. Thov tuaj txais nyob {{office}}.{{#bring}} Thov nqa {{bring}} tuaj.{{/bring}}\n"

    /// The catalog's files, with `changes` applied (a nil value removes the file).
    static func files(_ changes: [String: String?] = [:]) -> [String: String] {
        var files = [
            "catalog.yaml": catalog,
            "vi/result_ready.mustache": vietnamese,
            "hmn/result_ready.mustache": hmong,
        ]
        for (path, contents) in changes {
            files[path] = contents
        }
        return files
    }
}
