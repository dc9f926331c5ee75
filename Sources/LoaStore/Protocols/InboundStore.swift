public import Foundation
public import LoaCore

/// Messages residents send to Loa (mobile-originated SMS), kept durably before any adapter
/// acknowledges them to its provider, and handed to a consumer (keywords, opt-outs) in order.
///
/// A provider that did not get its acknowledgement hands a message over again: with a
/// ``InboundMessage/providerMessageId`` the repeat is recognised by provider and id and not
/// stored twice. Phone numbers and texts are personal data: ``PersonalDataRetention`` deletes
/// inbound messages received before its horizon.
///
/// ```swift
/// let isNew = try await store.record([message])               // [true], then [false] for a repeat
/// for stored in try await store.unhandledInboundMessages(limit: 100) {
///     // … act on stored.message, then:
///     _ = try await store.markInboundHandled(id: stored.id, outcome: "help", at: .now)
/// }
/// ```
public protocol InboundStore: Sendable {
    /// Stores inbound messages in one transaction; returns, for each in order, true when it was
    /// stored and false when it repeats one already stored (same provider and provider message
    /// id, earlier in the store or in this batch). Messages without a provider message id are
    /// always stored.
    func record(_ messages: [InboundMessage]) async throws -> [Bool]

    /// Up to `limit` stored inbound messages with an id greater than `id`, oldest first
    /// (`after: 0` starts at the beginning).
    func inboundMessages(after id: Int64, limit: Int) async throws -> [StoredInboundMessage]

    /// Up to `limit` inbound messages no consumer has marked handled yet, oldest first.
    func unhandledInboundMessages(limit: Int) async throws -> [StoredInboundMessage]

    /// Marks one inbound message handled with what became of it; false when it was handled
    /// already (another consumer got there first) or no longer exists (purged).
    func markInboundHandled(id: Int64, outcome: String, at: Date) async throws -> Bool
}
