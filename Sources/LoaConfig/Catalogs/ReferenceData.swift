public import LoaSettings
import Foundation
import Yams

/// The procedure catalog and the commune directory, loaded once at start-up.
///
/// ```swift
/// let reference = try ReferenceData.load(proceduresFile: "config/procedures.yaml", communesFile: "config/communes.yaml")
/// reference.procedures["cccd_issue"]?.name(for: .hmong)
/// ```
public struct ReferenceData: Sendable {
    /// Procedures by key.
    public var procedures: [String: Procedure]
    /// Communes by key.
    public var communes: [String: Commune]

    /// Creates reference data from values.
    public init(procedures: [String: Procedure], communes: [String: Commune]) {
        self.procedures = procedures
        self.communes = communes
    }

    private struct ProceduresFile: Decodable { var procedures: [String: Procedure] }
    private struct CommunesFile: Decodable { var communes: [String: Commune] }

    /// Loads both files; the error names the file and what is wrong.
    public static func load(proceduresFile: String, communesFile: String) throws(ConfigurationError) -> ReferenceData {
        let procedures = try decode(ProceduresFile.self, from: proceduresFile).procedures
        let communes = try decode(CommunesFile.self, from: communesFile).communes
        for (key, procedure) in procedures where procedure.name["vi"]?.isEmpty ?? true {
            throw ConfigurationError(key: "\(proceduresFile): procedures.\(key).name.vi", message: "every procedure needs a Vietnamese name")
        }
        return ReferenceData(procedures: procedures, communes: communes)
    }

    /// Reads and decodes one YAML reference file; errors name the file and the key at fault.
    static func decode<T: Decodable>(_ type: T.Type, from path: String) throws(ConfigurationError) -> T {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationError(key: path, message: "cannot read the file (\(error.localizedDescription)); set catalogs.* in config/loa.yaml to where it is")
        }
        do {
            return try YAMLDecoder().decode(T.self, from: text)
        } catch let DecodingError.keyNotFound(key, context) {
            throw ConfigurationError(key: path, message: "missing key '\(key.stringValue)' at \(context.codingPath.map(\.stringValue).joined(separator: "."))")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw ConfigurationError(key: path, message: "wrong value at \(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)")
        } catch {
            throw ConfigurationError(key: path, message: "not a valid file: \(error)")
        }
    }
}
