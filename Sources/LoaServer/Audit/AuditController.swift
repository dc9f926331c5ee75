import Foundation
import Hummingbird
import LoaCore
import LoaStore

/// `GET /v1/audit` (admins): the audit trail, newest first, a page at a time, filtered by
/// `from` / `to` (RFC 3339, `to` exclusive) and `action`; `before` takes the previous page's
/// `nextBefore` to read on.
struct AuditController: Sendable {
    static let defaultLimit = 100
    static let maxLimit = 1000
    static let parameters: Set<String> = ["from", "to", "action", "limit", "before"]

    let trail: any AuditTrail

    func addRoutes(to router: Router<LoaRequestContext>) {
        router.get("/v1/audit") { request, context in
            _ = try context.require(.admin)
            let query = try Self.query(request.uri.queryParameters)
            let entries = try await trail.auditEntries(query)
            let next = entries.count == query.limit ? entries.last?.id : nil
            return try APIJSON.response(AuditPage(entries: entries.map(AuditEntryView.init), nextBefore: next.map(String.init)))
        }
    }

    /// The query a request's parameters ask for; each malformed one refused by name.
    static func query(_ parameters: Hummingbird.Parameters) throws -> AuditQuery {
        if let unknown = parameters.first(where: { !Self.parameters.contains(String($0.key)) })?.key {
            throw APIError.invalid(String(unknown), "this list takes from, to, action, limit and before: /v1/audit?action=messageRetried&limit=50", code: "unknown_parameter")
        }
        var query = AuditQuery(limit: defaultLimit)
        for name in ["from", "to"] {
            guard let text = parameters[Substring(name)].map(String.init) else { continue }
            guard let instant = RFC3339.instant(text) else {
                throw APIError.invalid(name, "\(name) must be an RFC 3339 instant with an offset, such as 2026-12-05T00:00:00+07:00")
            }
            if name == "from" { query.from = instant } else { query.to = instant }
        }
        if let text = parameters["action"].map(String.init) {
            guard let action = AuditAction(rawValue: text) else {
                throw APIError.invalid("action", "action must be one of \(AuditAction.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            query.action = action
        }
        if let text = parameters["limit"].map(String.init) {
            guard let limit = Int(text), (1...maxLimit).contains(limit) else {
                throw APIError.invalid("limit", "limit must be a whole number from 1 to \(maxLimit)")
            }
            query.limit = limit
        }
        if let text = parameters["before"].map(String.init) {
            guard let before = Int64(text), before > 0 else {
                throw APIError.invalid("before", "before must be the nextBefore of the previous page (a positive whole number)")
            }
            query.before = before
        }
        return query
    }

    /// `{"entries": [...], "nextBefore": "…"}`; `nextBefore` is absent on the last page.
    struct AuditPage: Encodable {
        let entries: [AuditEntryView]
        let nextBefore: String?
    }
}
