import ArgumentParser
import Foundation
import LoaConfig
import LoaCore
import LoaServer
import LoaStore
import LoaWorker

/// `loa appointments import|list|show|cancel`: appointments from the command line, read and
/// written straight to the database as `loa messages` does (so it works while `loa serve`
/// runs, and without an API key), with the same checks and messages as the API.
struct AppointmentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "appointments", abstract: "Import appointments from a spreadsheet, list, show or cancel them.",
        subcommands: [AppointmentsImportCommand.self, List.self, Show.self, Cancel.self])

    /// What booking and changing appointments needs: the store, the checks and the planner of
    /// the gateway this configuration describes.
    struct Desk {
        let store: any Store
        let validator: AppointmentValidator
        let planner: AppointmentPlanner

        init(_ options: DatabaseOptions) async throws {
            let (configuration, store) = try await options.openStore()
            let (catalog, reference) = try GatewayCatalogs.load(configuration)
            self.store = store
            validator = AppointmentValidator(reference: reference, allowForeignNumbers: configuration.allowForeignNumbers, now: { Date() })
            planner = AppointmentPlanner(configuration: configuration, catalog: catalog, reference: reference, now: { Date() })
        }
    }

    /// One line: id, start (Vietnam time), commune, status, masked phone, name, procedure and
    /// how its messages stand.
    static func line(_ appointment: Appointment, messages: [StoredMessage]) -> String {
        [
            appointment.id, AppointmentValidator.vietnamTime(appointment.startsAt), appointment.commune, appointment.status.rawValue,
            (try? PhoneNumber(e164: appointment.phone).masked) ?? "***", appointment.applicantName, appointment.procedure,
            stateCounts(messages),
        ].joined(separator: "\t")
    }

    /// `3 messages: 1 sent, 2 pending`.
    static func stateCounts(_ messages: [StoredMessage]) -> String {
        let counts = Dictionary(grouping: messages, by: \.state).mapValues(\.count)
        let parts = MessageState.allCases.compactMap { state in counts[state].map { "\($0) \(state.rawValue)" } }
        return "\(messages.count) messages" + (parts.isEmpty ? "" : ": " + parts.joined(separator: ", "))
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List one day's appointments (Vietnam time), one line each.")

        @OptionGroup var options: DatabaseOptions

        @Option(name: .long, help: "The day, yyyy-MM-dd.")
        var date: String

        @Option(name: .long, help: "Only this commune's (a key of config/communes.yaml).")
        var commune: String?

        func run() async throws {
            guard let day = CalendarDay(iso8601: date) else { throw ValidationError("--date must be a day written yyyy-MM-dd, such as 2026-12-05") }
            let (_, store) = try await options.openStore()
            let found = try await store.appointments(startingFrom: day.vietnamMidnight, before: day.vietnamMidnight.addingTimeInterval(86_400), commune: commune)
            for appointment in found {
                print(AppointmentsCommand.line(appointment, messages: try await store.appointmentMessages(appointmentId: appointment.id)))
            }
            print("\(found.count) appointment(s) on \(day)" + (commune.map { " in \($0)" } ?? ""))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one appointment and each of its messages.")

        @OptionGroup var options: DatabaseOptions

        @Argument(help: "The appointment id (apt_…).")
        var id: String

        func run() async throws {
            let (_, store) = try await options.openStore()
            guard let appointment = try await store.appointment(id: id) else { throw ValidationError("no appointment \(id)") }
            let messages = try await store.appointmentMessages(appointmentId: id)
            print(AppointmentsCommand.line(appointment, messages: messages))
            print("place\t\(appointment.place)")
            if let dossierCode = appointment.dossierCode { print("dossier\t\(dossierCode)") }
            if let note = appointment.note { print("note\t\(note)") }
            if let reason = appointment.cancelReason { print("cancelled because\t\(reason)") }
            for message in messages {
                print([
                    message.id, message.kind.rawValue, message.state.rawValue, "due " + AppointmentValidator.vietnamTime(message.notBefore),
                    message.lastError ?? "",
                ].joined(separator: "\t"))
            }
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel an appointment: the resident is told, pending reminders are cancelled.")

        @OptionGroup var options: DatabaseOptions

        @Argument(help: "The appointment id (apt_…).")
        var id: String

        @Option(name: .long, help: "Why, as the message tells the resident (folded into a Mông message as written).")
        var reason: String?

        @Option(name: .long, help: "Why, as a code of templates/values.yaml (cancellationReasons), such as officer_away: each resident reads it in their own language. Officers read --reason if given, else the code's Vietnamese.")
        var reasonCode: String?

        func validate() throws {
            if let reasonCode, reasonCode.isEmpty || reasonCode.count > 64
                || !reasonCode.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "_" }) {
                throw ValidationError("--reason-code is a code of templates/values.yaml (cancellationReasons) in snake_case, such as officer_away, not '\(reasonCode.prefix(40))'")
            }
        }

        func run() async throws {
            let desk = try await Desk(options)
            let planner = desk.planner
            let checked: String?
            do {
                checked = try desk.validator.optionalText(reason, .reason, maxLength: 300)
            } catch {
                throw ValidationError("--reason: \(error.message)")
            }
            let outcome = try await desk.store.changeAppointment(id: id, commune: nil) { [reasonCode] current throws(AppointmentRejection) in
                try planner.update(current, .cancel(reason: checked, reasonCode: reasonCode))
            }
            switch outcome {
            case .changed(let appointment, let messageIds):
                print(AppointmentsCommand.line(appointment, messages: try await desk.store.appointmentMessages(appointmentId: id)))
                print(messageIds.isEmpty ? "cancelled; the appointment had started, so the resident was not told" : "cancelled; the resident is told in \(messageIds.joined(separator: ", "))")
            case .notFound:
                throw ValidationError("no appointment \(id)")
            case .refused(let rejection):
                let flag = ["reasonCode": "--reason-code: ", AppointmentField.reason.rawValue: "--reason: "][rejection.field ?? ""] ?? ""
                throw ValidationError(flag + rejection.message)
            }
        }
    }
}
