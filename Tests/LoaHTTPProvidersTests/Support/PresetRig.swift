import Foundation
import LoaCore
import LoaPeers
import LoaProviderConformance
import LoaProviders
@testable import LoaHTTPProviders

/// A preset's stand-in, Loa's receipt endpoint and the provider built from the preset, wired
/// together.
struct PresetRig {
    let preset: PresetCase
    let standIn: any PresetStandIn
    let endpoint: ReceiptEndpoint
    let subject: ProviderUnderTest
    var provider: HTTPProvider { subject.provider }

    static func start(_ preset: PresetCase, keys extra: [String: String] = [:]) async throws -> PresetRig {
        let standIn = try await preset.startStandIn()
        let endpoint = try await ReceiptEndpoint.start()
        var keys = standIn.keys
        keys["url"] = standIn.urlTemplate
        keys.merge(extra) { $1 }
        let subject = try ProviderUnderTest.build(name: preset.rawValue, preset: preset.rawValue, keys: keys, receiptURL: endpoint.baseURL)
        endpoint.use(subject.provider)
        return PresetRig(preset: preset, standIn: standIn, endpoint: endpoint, subject: subject)
    }

    func stop() async throws {
        try await subject.shutdown()
        try await standIn.stop()
        await endpoint.stop()
    }

    /// The failure of submitting one message, nil when it was accepted.
    func submitFailure() async throws -> SubmitFailure? {
        do {
            _ = try await provider.submit(try ProviderUnderTest.request("Thông báo"))
            return nil
        } catch let failure as SubmitFailure {
            return failure
        }
    }
}
