public import Foundation

/// Keeps claims alive while their submissions run long, so no other node takes back a message
/// that is still being handed to its provider (and sends it twice).
public protocol LeaseRenewal: Sendable {
    /// Extends to `until` the leases `owner` still holds on `messageIds`: messages still
    /// `sending` under that owner, even if their lease ran out meanwhile, as long as no other
    /// claim took them. A message another worker claimed again, or whose outcome is written, is
    /// left alone. Returns how many leases were extended.
    func renewLeases(_ messageIds: [String], owner: String, until: Date) async throws -> Int
}
