public import Foundation

extension KindDefinition {
    /// The instant after which a message of this kind, created at `createdAt` with `variables`,
    /// must no longer be sent: `createdAt + validity`, or the ``expiresNoLaterThan`` instant when
    /// that comes first.
    public func expiry(createdAt: Date, variables: [String: TemplateValue]) -> Date {
        let validUntil = createdAt.addingTimeInterval(Double(validity.components.seconds))
        guard let name = expiresNoLaterThan, case .dateTime(let limit)? = variables[name] else {
            return validUntil
        }
        return min(validUntil, limit)
    }
}
