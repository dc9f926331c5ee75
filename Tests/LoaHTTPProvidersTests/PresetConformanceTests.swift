import Foundation
import LoaCore
import LoaPeers
import LoaProviderConformance
import LoaProviders
import Testing
@testable import LoaHTTPProviders

/// Every shipped preset (config/providers/) against a loopback stand-in written from the same
/// published documentation, receipts through the provider's parser as Loa's receipt endpoint
/// calls it: what each preset's API says (codes, fields, statuses) beyond the conformance suite
/// (HTTPPresetConformanceTests). Safety nets only: no test waits on a short wall-clock deadline.
@Suite(.timeLimit(.minutes(2)))
struct PresetConformanceTests {
    @Test(arguments: PresetCase.allCases)
    func acceptedMessageGivesProviderId(_ preset: PresetCase) async throws {
        let rig = try await PresetRig.start(preset)
        let id = try await rig.provider.submit(try ProviderUnderTest.request("Your ID card is ready at Na U commune police."))
        let taken = rig.standIn.takenMessages()
        try await rig.stop()
        #expect(taken.count == 1)
        #expect(id == taken.first?.id)
        #expect(taken.first?.to == preset.recipient)
        #expect(taken.first?.sender == "CAXANAU")
    }

    @Test(arguments: PresetCase.allCases)
    func unavailableIsTransient(_ preset: PresetCase) async throws {
        let rig = try await PresetRig.start(preset)
        rig.standIn.answer(.unavailable)
        let failure = try await rig.submitFailure()
        try await rig.stop()
        #expect(failure?.kind == .transient)
        #expect(failure?.code == preset.unavailable)
    }

    @Test(arguments: PresetCase.allCases)
    func refusedNumberIsPermanent(_ preset: PresetCase) async throws {
        let rig = try await PresetRig.start(preset)
        rig.standIn.answer(.rejectNumber)
        let failure = try await rig.submitFailure()
        try await rig.stop()
        #expect(failure?.kind == .permanent)
        #expect(failure?.code == preset.numberRefusal)
        // A provider's words may name the number: only its last digits are kept.
        #expect(failure?.message.contains("912345678") == false)
    }

    @Test(arguments: PresetCase.allCases)
    func throttledIsTransientWithRetryAfter(_ preset: PresetCase) async throws {
        let rig = try await PresetRig.start(preset)
        rig.standIn.answer(.throttled(retryAfter: 7))
        let failure = try await rig.submitFailure()
        try await rig.stop()
        #expect(failure?.kind == .transient)
        #expect(failure?.code == "throttled")
        #expect(failure?.retryAfterSeconds == 7)
    }

    @Test(arguments: PresetCase.allCases)
    func hangIsTransientTimeout(_ preset: PresetCase) async throws {
        // The stand-in holds the request until it stops: far longer than the 0.5 s timeout.
        let rig = try await PresetRig.start(preset, keys: ["timeout": "0.5s"])
        rig.standIn.answer(.hang)
        let failure = try await rig.submitFailure()
        try await rig.stop()
        #expect(failure?.kind == .transient)
        #expect(failure?.code == "timeout")
    }

    @Test(arguments: PresetCase.withReceipts)
    func receiptsMatchMessageAndAttempt(_ preset: PresetCase) async throws {
        let rig = try await PresetRig.start(preset)
        rig.standIn.answer(.accept(receipts: [preset.statuses.accepted, preset.statuses.delivered]))
        let request = try ProviderUnderTest.request("Lịch hẹn của ông/bà đã được xác nhận.", attempt: 2)
        let id = try await rig.provider.submit(request)
        let receipts: [DeliveryReceipt] = await rig.endpoint.outcomes(count: 2).compactMap { $0.receipt }
        try await rig.stop()
        #expect(receipts.map(\.status) == [ReceiptStatus.accepted, .delivered])
        #expect(receipts.allSatisfy { $0.messageId == request.messageId && $0.attempt == 2 && $0.providerMessageId == id })
        #expect(receipts.last?.detail.hasPrefix("\(preset.rawValue) status \(preset.statuses.delivered)") == true)
    }

    @Test(arguments: PresetCase.withReceipts)
    func failedReceiptIsFinal(_ preset: PresetCase) async throws {
        let rig = try await PresetRig.start(preset)
        rig.standIn.answer(.accept(receipts: [preset.statuses.failed]))
        _ = try await rig.provider.submit(try ProviderUnderTest.request("Hồ sơ cần bổ sung."))
        let receipts: [DeliveryReceipt] = await rig.endpoint.outcomes(count: 1).compactMap { $0.receipt }
        try await rig.stop()
        #expect(receipts.map(\.status) == [preset.failedReceipt])
        #expect(receipts.first?.status.resultingState == .undelivered)
    }

    @Test(arguments: PresetCase.withReceipts)
    func callbackForAnotherMessageIsRefused(_ preset: PresetCase) async throws {
        let rig = try await PresetRig.start(preset)
        let signer = try #require(rig.provider.signer)
        try await rig.stop()
        let url = signer.url(messageId: "m-1", attempt: 1, now: Date())
        var query = FormFields.decode(String(url.split(separator: "?", maxSplits: 1)[1]))
        query["messageId"] = "m-2"
        #expect(throws: ReceiptCallbackError.self) { try rig.provider.parseReceipt(ReceiptCallback(method: "GET", query: query), receivedAt: Date()) }
        query["messageId"] = "m-1"
        query["sig"] = nil
        #expect(throws: ReceiptCallbackError.self) { try rig.provider.parseReceipt(ReceiptCallback(method: "GET", query: query), receivedAt: Date()) }
    }
}
