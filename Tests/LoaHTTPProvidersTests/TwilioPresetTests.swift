import Foundation
import LoaCore
import LoaPeers
import LoaProviders
import Testing
@testable import LoaHTTPProviders

/// What only Twilio's preset does: basic authentication with the account SID and auth token,
/// and callbacks signed in `X-Twilio-Signature`.
@Suite(.timeLimit(.minutes(2)))
struct TwilioPresetTests {
    @Test func wrongAuthTokenIsPermanentAuthFailure() async throws {
        let rig = try await PresetRig.start(.twilio, keys: ["secrets.authToken": "not-the-token"])
        let failure = try await rig.submitFailure()
        let refusals = rig.standIn.refusedCodes()
        try await rig.stop()
        #expect(refusals == ["20003"])
        #expect(failure?.kind == .permanent)
        #expect(failure?.code == "twilio_auth")
    }

    @Test func callbackWithoutTwilioSignatureIsRefused() async throws {
        let rig = try await PresetRig.start(.twilio)
        let signer = try #require(rig.provider.signer)
        try await rig.stop()
        let url = signer.url(messageId: "m-1", attempt: 1, now: Date())
        let query = String(url.split(separator: "?", maxSplits: 1)[1])
        let fields = [("MessageSid", "SM1"), ("MessageStatus", "delivered")]
        let genuine = ReceiptCallback(
            method: "POST", query: FormFields.decode(query), rawQuery: query,
            headers: ["content-type": "application/x-www-form-urlencoded", "x-twilio-signature": TwilioStandIn.signature(url: url, fields: fields)],
            body: Array(FormFields.encode(fields).utf8))
        #expect(try rig.provider.parseReceipt(genuine, receivedAt: Date()).status == .delivered)
        var otherStatus = genuine
        otherStatus.body = Array(FormFields.encode([("MessageSid", "SM1"), ("MessageStatus", "failed")]).utf8)
        #expect(refusal(rig.provider, otherStatus) == .forged)
        var unsigned = genuine
        unsigned.headers["x-twilio-signature"] = nil
        #expect(refusal(rig.provider, unsigned) == .forged)
        #expect(refusal(rig.provider, genuine, at: Date().addingTimeInterval(3 * 3600)) == .expired)
    }

    private func refusal(_ provider: HTTPProvider, _ callback: ReceiptCallback, at date: Date = Date()) -> ReceiptCallbackError.Reason? {
        do {
            _ = try provider.parseReceipt(callback, receivedAt: date)
            return nil
        } catch {
            return error.reason
        }
    }
}
