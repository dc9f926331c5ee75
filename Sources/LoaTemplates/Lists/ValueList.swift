/// A list of values an event or appointment may choose by code instead of writing free text
/// (`templates/values.yaml`), so that every locale's message shows the value in its own language.
public enum ValueList: String, Sendable, CaseIterable {
    /// What a resident must supplement: an event's `missingCode` fills `missing`.
    case missing
    /// Why a dossier was refused: an event's `reasonCode` fills `reason`.
    case refusalReasons
    /// Why an appointment was cancelled: a cancellation's `reasonCode` fills `reason`.
    case cancellationReasons

    /// The template variable a code from this list fills.
    public var variable: String {
        switch self {
        case .missing: "missing"
        case .refusalReasons, .cancellationReasons: "reason"
        }
    }
}
