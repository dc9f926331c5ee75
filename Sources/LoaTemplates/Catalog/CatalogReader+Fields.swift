import Yams

extension CatalogReader {
    /// The fields of one mapping with a fixed set of keys, and where the mapping is.
    struct Fields {
        /// The mapping's key path (`kinds.result_ready`).
        let path: String
        /// The mapping's line.
        let line: Int?
        /// Every key found, known or not.
        let values: [String: Node]
        /// The keys the catalog understands here.
        let known: [String]

        /// A known key's node, nil when absent.
        subscript(key: String) -> Node? {
            known.contains(key) ? values[key] : nil
        }
    }
}
