extension DossierSnapshot {
    /// Why `event` may not change this dossier, or nil when it may.
    ///
    /// A dossier belongs to the commune and the source (dossier system) that created it. An
    /// event naming another commune or coming from another source is refused, whatever key sent
    /// it: otherwise a key limited to one commune or source could take over another's dossier
    /// by its code (cancel its unsent messages, put its own phone number on it). Moving a
    /// dossier to another commune is an operator's act, not an ingest.
    ///
    /// ```swift
    /// snapshot.commune                                   // "muong-nhe"
    /// snapshot.ownershipRejection(of: naUEvent)?.code    // "commune_mismatch"
    /// ```
    public func ownershipRejection(of event: DossierEvent) -> IngestRejection? {
        if let source, source != event.source {
            return IngestRejection(
                code: "source_mismatch",
                message: "dossier \(code) was created by source '\(source)', not '\(event.source)'; events about a dossier come from the system that created it: check dossierCode, or send the event from '\(source)' with a key allowed for it",
                field: "source")
        }
        if commune != event.commune {
            return IngestRejection(
                code: "commune_mismatch",
                message: "dossier \(code) belongs to commune '\(commune)', not '\(event.commune)'; check dossierCode and commune, or send the event with commune '\(commune)' and a key allowed for it; moving a dossier to another commune is an operator's act, not an ingest: ask the Loa operator",
                field: "commune")
        }
        return nil
    }
}
