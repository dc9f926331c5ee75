public import ArgumentParser
import Foundation
import LoaConfig
import LoaCore
public import LoaStore

extension HeldTextChoice: ExpressibleByArgument {}

extension MessagesCommand {
    /// `loa messages held`: the messages waiting for an operator because their text is unreviewed.
    struct Held: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List messages held for an operator because their text is unreviewed (waitingFor textReview).")

        @OptionGroup var options: DatabaseOptions

        @Option(help: "Look at messages created in this many past days.")
        var days = 7

        /// RFC 3339 in Vietnam time (`2026-12-05T19:04:00+07:00`).
        static let vietnamTime = Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? .gmt)

        func run() async throws {
            let (_, store) = try await options.openStore()
            let now = Date()
            let pending = try await store.messages(in: [.pending], createdSince: now.addingTimeInterval(-Double(days) * 86_400), limit: 10_000)
            let held = pending.filter { $0.waitingFor(at: now) == .textReview }
            guard !held.isEmpty else {
                print("no message is held for a text review")
                return
            }
            print("id\tkind\tlocale\tto\tcreated\texpires\twaitingFor")
            for message in held {
                let masked = (try? PhoneNumber(e164: message.recipient))?.masked ?? "***"
                print([
                    message.id, message.kind.rawValue, message.locale.rawValue, masked,
                    message.createdAt.formatted(Self.vietnamTime), message.expiresAt.formatted(Self.vietnamTime), "textReview",
                ].joined(separator: "\t"))
            }
            print("release with: loa messages release --send unreviewed|vietnamese ID…; or loa messages cancel ID…")
        }
    }

    /// `loa messages release --send unreviewed|vietnamese ID…`: as `POST /v1/messages/{id}/release`.
    struct Release: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send messages held for a text review: the unreviewed text as written, or the Vietnamese text kept beside it.")

        @OptionGroup var options: DatabaseOptions

        @Option(help: "Which text to send: unreviewed (as written) or vietnamese.")
        var send: HeldTextChoice

        @Argument(help: "Message ids.")
        var ids: [String]

        func run() async throws {
            let (configuration, store) = try await options.openStore()
            let now = Date()
            let outcomes = try await store.releaseHeld(ids: ids, sending: send, at: now, quietHours: configuration.quietHours)
            var problems = 0
            var entries: [AuditEntry] = []
            for id in ids {
                let outcome = outcomes[id] ?? .notFound
                let line: String
                switch outcome {
                case .released: line = "released \(send.rawValue)"
                case .notFound: line = "notFound"
                case .notHeld(let state): line = "notHeld \(state.rawValue)"
                }
                if outcome != .released { problems += 1 }
                print("\(id)\t\(line)")
                entries.append(AuditEntry(at: now, action: .messageReleased, actor: .commandLine, remoteAddress: nil, subject: id, outcome: line))
            }
            try await store.recordAudit(entries)
            if problems > 0 { throw ExitCode.failure }
        }
    }
}
