public import Foundation
public import LoaCore

/// What residents ask of Loa themselves, by SMS keyword or USSD: their dossiers' state, no more
/// notifications, another language.
///
/// An opt-out is honoured when a message comes due: a normal or bulk message to a phone that
/// stopped notifications ends `cancelled` with reason `opted-out` instead of being claimed;
/// urgent ones (appointment changes, replies to the resident) still go. A chosen language
/// overrides the dossier system's for events accepted afterwards.
///
/// ```swift
/// let answered = try await store.answer(inboundId: 7, outcome: "opted-out",
///                                       changes: [.optOut(source: "sms:kannel")], reply: reply, at: .now)
/// ```
public protocol ResidentRequests: Sendable {
    /// In one transaction: applies `changes` to the sender's preferences, adds `reply` to the
    /// outbox, and marks the inbound message handled with `outcome`. Returns false, writing
    /// nothing, when the inbound message was handled already or no longer exists.
    func answer(inboundId: Int64, outcome: String, changes: [ResidentPreferenceChange], reply: StoredMessage?, at: Date) async throws -> Bool

    /// Applies one change outside an inbound message (USSD, an operator).
    func change(_ change: ResidentPreferenceChange, for phone: PhoneNumber, at: Date) async throws

    /// What `phone` asked for so far.
    func preferences(of phone: PhoneNumber) async throws -> ResidentPreferences

    /// Phones that stopped notifications, most recent first.
    func optOuts(limit: Int) async throws -> [OptOut]

    /// The dossier with `code` (compared without regard to case) when `phone` is the applicant's
    /// phone on record; nil when there is no such dossier or it is someone else's, so that
    /// codes cannot be probed.
    func dossier(code: String, applicantPhone phone: PhoneNumber) async throws -> ResidentDossier?

    /// The booked appointments of `phone` starting at or after `from`, soonest first.
    func upcomingAppointments(phone: PhoneNumber, from: Date, limit: Int) async throws -> [Appointment]
}
