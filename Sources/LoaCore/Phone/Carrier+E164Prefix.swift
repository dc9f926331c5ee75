extension Carrier {
    /// The carrier of a Vietnamese mobile number from the first five characters of its E.164
    /// form (`+8491` → Vinaphone), as statistics group numbers without reading them whole; nil
    /// for a foreign or non-mobile prefix.
    public init?(e164Prefix prefix: some StringProtocol) {
        guard prefix.hasPrefix(PhoneNumber.vietnamPrefix), prefix.utf8.count == 5,
              let digits = Int(prefix.dropFirst(PhoneNumber.vietnamPrefix.count)) else { return nil }
        self.init(mobilePrefix: digits)
    }
}
