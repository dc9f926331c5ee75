public import Foundation
public import LoaCore

/// Which audit entries to read: newest first, at most `limit`, optionally within `[from, to)`,
/// of one action, and older than entry `before` (the page cursor: the last id of the page before).
public struct AuditQuery: Sendable, Equatable {
    public var from: Date?
    public var to: Date?
    public var action: AuditAction?
    /// Only entries whose id is lower than this (the next page); nil for the first page.
    public var before: Int64?
    public var limit: Int

    /// Creates a query.
    public init(from: Date? = nil, to: Date? = nil, action: AuditAction? = nil, before: Int64? = nil, limit: Int = 100) {
        self.from = from
        self.to = to
        self.action = action
        self.before = before
        self.limit = limit
    }
}
