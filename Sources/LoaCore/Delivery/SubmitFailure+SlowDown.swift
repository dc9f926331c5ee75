extension SubmitFailure {
    /// Whether the provider asked the sender to slow down: a `throttled`-like code (Kannel,
    /// HTTP 429, `smpp_throttled`) or a pause it named.
    public var asksToSlowDown: Bool {
        code.hasSuffix("throttled") || retryAfterSeconds != nil
    }
}
