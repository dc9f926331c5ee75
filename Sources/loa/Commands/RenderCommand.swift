import ArgumentParser
import Foundation
import LoaCore
import LoaTemplates

/// `loa render`: renders one kind in one locale, as the gateway would send it.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render a template as it would be sent.",
        discussion: """
            Without --vars the catalog's sample variables are used. The variables file is a flat JSON \
            object: strings for text, "yyyy-MM-dd" for dates, RFC 3339 strings for date-times and \
            integers for amounts, e.g. {"name": "Giàng A Vảng", "dueDate": "2026-12-05", "amount": 150000}.
            """
    )

    @Option(name: .long, help: "The notification kind, e.g. result_ready.")
    var kind: String

    @Option(name: .long, help: "The locale: vi or hmn.")
    var locale: String

    @Option(name: .long, help: "A JSON file of variables (default: the catalog's samples).")
    var vars: String?

    @Option(name: .long, help: "Encoding policy: unicode, fold or auto (default: the locale's, from the catalog).")
    var encoding: String?

    @Flag(name: .long, help: "Print the analysis as JSON: text, encoding, segments, units, parts.")
    var json = false

    @Option(name: .long, help: "The templates directory.")
    var templates = "templates"

    func validate() throws {
        guard MessageLocale.parse(locale) != nil else {
            throw ValidationError("unknown locale '\(locale)'; use one of \(MessageLocale.supported.map(\.rawValue).joined(separator: ", "))")
        }
        if let encoding, EncodingPolicy(rawValue: encoding) == nil {
            throw ValidationError("unknown encoding '\(encoding)'; use one of \(EncodingPolicy.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        let message = try render()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(message.analysis), as: UTF8.self))
        } else {
            print(message.text)
        }
    }

    /// Reports `message` on standard error; the command then exits with status 2.
    private func failure(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        return ExitCode(2)
    }

    private func render() throws(ExitCode) -> RenderedMessage {
        let catalog: TemplateCatalog
        do {
            catalog = try TemplateCatalog.load(from: URL(fileURLWithPath: templates))
        } catch {
            throw failure("\(templates)/\(error)")
        }
        let kind = NotificationKind(rawValue: kind)
        guard catalog.definition(of: kind) != nil else {
            throw failure("unknown kind '\(kind)'; the catalog has \(catalog.kinds.map(\.rawValue).joined(separator: ", "))")
        }
        // `validate()` has accepted both.
        let locale = MessageLocale.parse(locale) ?? .vietnamese
        let policy = encoding.flatMap(EncodingPolicy.init(rawValue:))
        let variables: [String: TemplateValue]
        if let vars {
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: vars))
            } catch {
                throw failure("cannot read the variables file \(vars): \(error.localizedDescription)")
            }
            do {
                variables = try catalog.variables(fromJSON: data)
            } catch {
                throw failure("\(vars): \(error)")
            }
        } else {
            variables = catalog.sampleVariables(for: kind, locale: locale)
        }
        do {
            return try catalog.render(kind: kind, locale: locale, variables: variables, policy: policy)
        } catch {
            throw failure("\(error)")
        }
    }
}
