/// What happens to a message whose submission may have reached the provider before its worker
/// died (no answer was recorded, the lease lapsed).
public enum InDoubtPolicy: String, Sendable, CaseIterable {
    /// Send it again: the resident may get it twice, but does not miss it. The default, because a
    /// missed message costs a day's walk and a duplicate costs one more SMS.
    case resend
    /// End it `failed` with the reason, for an operator to retry if the provider shows no trace.
    case fail
}
