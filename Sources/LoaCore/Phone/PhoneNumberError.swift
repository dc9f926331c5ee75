/// Why a phone number was refused, with a sentence a person can act on. The message never
/// repeats the full number (at most a prefix or an area code), so it is safe to log and show.
public struct PhoneNumberError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of problem, for code that reacts to it.
    public enum Reason: String, Sendable {
        /// No digits were given.
        case empty
        /// Something other than digits, spaces, dots, dashes, brackets and a leading +.
        case invalidCharacters
        /// Fewer digits than a mobile number (or an international number) has.
        case tooShort
        /// More digits than a mobile number (or an international number) has.
        case tooLong
        /// A Vietnamese landline (area code 02…), which cannot receive SMS.
        case landline
        /// A Vietnamese number whose prefix no mobile network uses.
        case unknownPrefix
        /// A foreign number where only Vietnamese numbers are accepted.
        case foreignNotAllowed
        /// An international number that does not start with an assigned country calling code.
        case invalidCountryCode
    }

    /// The kind of problem.
    public let reason: Reason
    /// What is wrong and what to give instead, in a sentence.
    public let message: String

    init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { message }
}
