/// Small string helpers that keep LoaCore on Foundation-free standard library calls.
extension String {
    /// The string without leading and trailing whitespace and newlines.
    public func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }

    /// The string with every occurrence of `target` replaced by `replacement`.
    public func replacingAll(_ target: Character, with replacement: Character) -> String {
        String(map { $0 == target ? replacement : $0 })
    }
}
