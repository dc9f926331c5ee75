extension QuietHours {
    /// The latest instant at or before `seconds` (since 1970, UTC) that lies outside the window:
    /// the instant itself outside it, else the whole minute before the window opened (21:00 →
    /// 20:59). What a reminder uses: it may come early, never in the night and never late.
    ///
    /// ```swift
    /// QuietHours.standard.latestSendableTime(atOrBeforeEpochSeconds: fiveThirtyAM)   // 20:59 the evening before
    /// ```
    public func latestSendableTime(atOrBeforeEpochSeconds seconds: Double) -> Double {
        guard seconds.magnitude < 1e15 else { return seconds }
        let local = Int64(seconds.rounded(.down)) + QuietHours.vietnamOffsetSeconds
        let secondOfDay = ((local % 86_400) + 86_400) % 86_400
        guard contains(minuteOfDay: Int(secondOfDay / 60)) else { return seconds }
        var opened = local - secondOfDay + Int64(startMinute) * 60
        if opened > local { opened -= 86_400 }
        return Double(opened - 60 - QuietHours.vietnamOffsetSeconds)
    }
}
