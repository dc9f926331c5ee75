import LoaCore
import LoaPeers

/// One shipped preset and what its API says in each situation the suite plays.
enum PresetCase: String, CaseIterable, Sendable, CustomStringConvertible {
    case twilio
    case esms
    case speedsms

    /// The presets whose API calls Loa back with delivery reports.
    static let withReceipts: [PresetCase] = [.twilio, .esms]

    var description: String { rawValue }

    func startStandIn() async throws -> any PresetStandIn {
        switch self {
        case .twilio: try await TwilioStandIn.start()
        case .esms: try await ESMSStandIn.start()
        case .speedsms: try await SpeedSMSStandIn.start()
        }
    }

    /// How the API is given +84912345678.
    var recipient: String {
        switch self {
        case .twilio: "+84912345678"
        case .esms: "0912345678"
        case .speedsms: "84912345678"
        }
    }

    /// The failure code of the API's "try again later" answer.
    var unavailable: String {
        switch self {
        case .twilio, .esms: "http_503"
        case .speedsms: "provider_500"
        }
    }

    /// The failure code of the API's refusal of a number.
    var numberRefusal: String {
        switch self {
        case .twilio: "provider_21211"
        case .esms: "provider_99"
        case .speedsms: "provider_105"
        }
    }

    /// The provider's own receipt statuses for: accepted by the network, delivered, undelivered.
    var statuses: (accepted: String, delivered: String, failed: String) {
        switch self {
        case .twilio: ("sent", "delivered", "undelivered")
        case .esms: ("7", "5", "4")
        case .speedsms: ("", "", "")
        }
    }

    /// What the failed status reads as in Loa's vocabulary.
    var failedReceipt: ReceiptStatus {
        switch self {
        case .twilio: .undelivered
        case .esms, .speedsms: .rejected
        }
    }
}
