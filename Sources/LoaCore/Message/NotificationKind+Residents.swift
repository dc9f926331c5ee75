/// Replies to what residents send (SMS keywords): urgent in the catalog, so a resident who asked
/// gets the answer at once, even in quiet hours or after stopping notifications.
extension NotificationKind {
    /// `HS <code>`: the dossier's state in plain words and what to do next.
    public static let residentDossierStatus = NotificationKind(rawValue: "resident_dossier_status")
    /// `HS <code>` for a code that does not exist or is not the sender's (one answer for both).
    public static let residentDossierNotFound = NotificationKind(rawValue: "resident_dossier_not_found")
    /// `TC` / `HUY` / `STOP`: notifications stopped, and how to resume.
    public static let residentStopped = NotificationKind(rawValue: "resident_stopped")
    /// `DK`: notifications resumed.
    public static let residentResumed = NotificationKind(rawValue: "resident_resumed")
    /// `MONG` / `HMOOB` / `VIET`: the language changed (written in the new language).
    public static let residentLanguage = NotificationKind(rawValue: "resident_language")
    /// Anything else: the keywords, at most once a day per phone.
    public static let residentHelp = NotificationKind(rawValue: "resident_help")
}
