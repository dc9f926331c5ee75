public import Foundation

extension Date {
    /// Milliseconds since 1970, the store's representation of an instant. An instant beyond what
    /// 64 bits of milliseconds hold (about 292 million years either way) saturates rather than
    /// trapping; NaN counts as 1970.
    public var epochMilliseconds: Int64 {
        let milliseconds = (timeIntervalSince1970 * 1000).rounded()
        guard milliseconds.isFinite else { return milliseconds > 0 ? .max : milliseconds < 0 ? .min : 0 }
        // Int64.max is not a Double; 2^63 is the first value that does not fit.
        guard milliseconds < 0x1p63 else { return .max }
        guard milliseconds >= -0x1p63 else { return .min }
        return Int64(milliseconds)
    }

    /// The instant `milliseconds` after 1970.
    public init(epochMilliseconds milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
