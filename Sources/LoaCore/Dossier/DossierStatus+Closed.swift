extension DossierStatus {
    /// True when nothing more will happen to the dossier: refused at intake, withdrawn by the
    /// citizen, stopped, or its result handed over. A dossier whose result is ready but not yet
    /// picked up (``resultReady``) is still open: reminders may follow.
    public var isClosed: Bool {
        switch self {
        case .refusedAtIntake, .withdrawn, .stopped, .returned: true
        case .submitted, .received, .processing, .supplementRequired, .paymentRequired, .resultReady: false
        }
    }
}
