/// Prepares message text for sending: typographic normalisation, optional Vietnamese folding,
/// and the encoding and splitting rules of 3GPP TS 23.038 / 23.040.
public enum SMSText {
    /// Normalises `text`, applies `policy`, then analyses the result.
    ///
    /// With ``EncodingPolicy/auto`` the folded text is chosen only when it costs fewer parts
    /// than the text as written.
    public static func prepare(_ text: String, policy: EncodingPolicy) -> SMSAnalysis {
        let normalised = normalise(text)
        switch policy {
        case .unicode:
            return analyse(normalised)
        case .fold:
            return analyse(VietnameseFolding.fold(normalised))
        case .auto:
            let asWritten = analyse(normalised)
            // Folding changes no GSM-7 character's cost, so only a UCS-2 text can gain.
            guard asWritten.encoding == .ucs2 else { return asWritten }
            let folded = analyse(VietnameseFolding.fold(normalised))
            return folded.segments < asWritten.segments ? folded : asWritten
        }
    }
}
