import Foundation
import Yams

/// Configuration values from three layers, highest first: command-line flags, `LOA_*`
/// environment variables, then the YAML file. Keys are dotted paths (`server.port`); the
/// environment variable for a key is `LOA_` plus its path in upper snake case
/// (`server.maxBodyBytes` → `LOA_SERVER_MAX_BODY_BYTES`).
///
/// Every key read is remembered, so keys in the file that nothing reads (typos) are reported.
public final class LayeredSettings: @unchecked Sendable {
    /// Where the file layer came from, for messages.
    public let source: String
    private let file: [String: String]
    private let environment: [String: String]
    private let flags: [String: String]
    private var consumed: Set<String> = []

    /// Creates settings from already-parsed layers.
    public init(source: String, file: [String: String], environment: [String: String], flags: [String: String]) {
        self.source = source
        self.file = file
        self.environment = environment
        self.flags = flags
    }

    /// Reads the YAML file at `path` (a missing file is an error only when `required`).
    public static func load(
        path: String, required: Bool, environment: [String: String], flags: [String: String]
    ) throws(ConfigurationError) -> LayeredSettings {
        var file: [String: String] = [:]
        if FileManager.default.fileExists(atPath: path) {
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw ConfigurationError(key: path, message: "cannot read the configuration file: \(error.localizedDescription)")
            }
            file = try flatten(yaml: text, source: path)
        } else if required {
            throw ConfigurationError(key: path, message: "no such configuration file; pass --config PATH or create it (see config/loa.yaml in the repository)")
        }
        return LayeredSettings(source: path, file: file, environment: environment, flags: flags)
    }

    /// The environment variable that overrides `key`.
    public static func environmentName(for key: String) -> String {
        var name = "LOA_"
        var previous: Character = "."
        for character in key {
            if character == "." {
                name.append("_")
            } else {
                // A capital after a lower-case letter starts a word: maxBodyBytes -> MAX_BODY_BYTES,
                // publicURL -> PUBLIC_URL.
                if character.isUppercase && previous.isLowercase { name.append("_") }
                name.append(contentsOf: character.uppercased())
            }
            previous = character
        }
        return name
    }

    /// The raw value of `key` from the highest layer that has it.
    public func raw(_ key: String) -> String? {
        consumed.insert(key)
        return flags[key] ?? environment[LayeredSettings.environmentName(for: key)] ?? file[key]
    }

    /// The names directly under `prefix` in the file or the flags (for example provider names
    /// under `providers`).
    public func children(of prefix: String) -> [String] {
        let start = prefix + "."
        let names = (Array(file.keys) + Array(flags.keys)).filter { $0.hasPrefix(start) }.compactMap { key in
            key.dropFirst(start.count).split(separator: ".").first.map(String.init)
        }
        return Array(Set(names)).sorted()
    }

    /// Keys present in the file that nothing read.
    public func unreadFileKeys() -> [String] {
        file.keys.filter { !consumed.contains($0) }.sorted()
    }

    /// `LOA_*` environment variables that match no key read (typos, or keys of a provider that
    /// is not configured): they would otherwise be ignored without a word.
    public func unreadEnvironmentVariables() -> [String] {
        let read = Set(consumed.map(LayeredSettings.environmentName(for:)))
        return environment.keys.filter { $0.hasPrefix("LOA_") && !read.contains($0) }.sorted()
    }

    /// Where to change `key`, for error messages.
    public func howToSet(_ key: String) -> String {
        "set \(key) in \(source) or \(LayeredSettings.environmentName(for: key))"
    }

    static func flatten(yaml text: String, source: String) throws(ConfigurationError) -> [String: String] {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw ConfigurationError(key: source, message: "not valid YAML: \(error)")
        }
        var result: [String: String] = [:]
        if let node { flatten(node, prefix: "", into: &result) }
        return result
    }

    private static func flatten(_ node: Node, prefix: String, into result: inout [String: String]) {
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping {
                let name = key.string ?? ""
                flatten(value, prefix: prefix.isEmpty ? name : prefix + "." + name, into: &result)
            }
        case .sequence(let sequence):
            result[prefix] = sequence.compactMap(\.string).joined(separator: ",")
        case .scalar(let scalar):
            if scalar.tag.description != Tag.Name.null.rawValue && scalar.string != "~" {
                result[prefix] = scalar.string
            }
        case .alias:
            break
        }
    }
}
