import Foundation
import LoaCore
import Yams

/// `templates/values.yaml`: per list, each code's value in every locale, in file order.
struct ListedValues: Sendable {
    /// The file's name inside the templates directory.
    static let file = "values.yaml"

    /// One code and its value per locale.
    struct Entry: Sendable {
        let code: String
        let values: [MessageLocale: String]
        let line: Int?
    }

    let lists: [ValueList: [Entry]]

    /// The entry of `code` in `list`, nil when unknown.
    func entry(_ list: ValueList, code: String) -> Entry? {
        lists[list]?.first { $0.code == code }
    }

    /// Reads `values.yaml` in `directory`; empty lists when the file is absent.
    static func read(from directory: URL) throws(TemplateCatalogError) -> ListedValues {
        let url = directory.appendingPathComponent(file)
        guard FileManager.default.fileExists(atPath: url.path) else { return ListedValues(lists: [:]) }
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw .unreadable(file: file, reason: error.localizedDescription)
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw .malformedYAML(file: file, line: nil, problem: "\(error)")
        }
        guard case .mapping(let top)? = root else { return ListedValues(lists: [:]) }
        var lists: [ValueList: [Entry]] = [:]
        for (key, listNode) in top {
            let name = key.string ?? ""
            guard let list = ValueList(rawValue: name) else {
                throw .invalidValue(file: file, line: key.mark?.line, key: name, found: name,
                                    fix: "use one of \(ValueList.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard case .mapping(let codes) = listNode else {
                throw .invalidValue(file: file, line: listNode.mark?.line, key: name, found: "not a mapping", fix: "write code: {vi: \"…\", hmn: \"…\"}")
            }
            var entries: [Entry] = []
            for (codeNode, valuesNode) in codes {
                let code = codeNode.string ?? ""
                guard !code.isEmpty, code.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "_" }) else {
                    throw .invalidValue(file: file, line: codeNode.mark?.line, key: "\(name).\(code)", found: code, fix: "name codes in snake_case, e.g. birth_certificate_copy")
                }
                guard case .mapping(let perLocale) = valuesNode else {
                    throw .invalidValue(file: file, line: valuesNode.mark?.line, key: "\(name).\(code)", found: "not a mapping", fix: "write {vi: \"…\", hmn: \"…\"}")
                }
                var values: [MessageLocale: String] = [:]
                for (tagNode, valueNode) in perLocale {
                    guard let tag = tagNode.string, let value = valueNode.string, valueNode.null == nil else {
                        throw .invalidValue(file: file, line: valueNode.mark?.line, key: "\(name).\(code)", found: "a value that is not text", fix: "write each locale's value as a string")
                    }
                    values[MessageLocale(rawValue: tag)] = value
                }
                entries.append(Entry(code: code, values: values, line: codeNode.mark?.line))
            }
            lists[list] = entries
        }
        return ListedValues(lists: lists)
    }
}
