import Foundation
import LoaCore
import LoaProviders
import LoaSettings
import Testing
@testable import LoaHTTPProviders

/// Start-up validation of `type: http` providers: each error names the key and the fix.
struct HTTPProviderFactoryTests {
    private func error(_ keys: [String: String], preset: String? = "twilio") -> ConfigurationError? {
        var file = ["providers.sms.type": "http", "providers.sms.receiptSecret": ProviderUnderTest.receiptSecret]
        if let preset { file["providers.sms.preset"] = ProviderUnderTest.presetPath(preset) }
        for (key, value) in keys { file["providers.sms.\(key)"] = value }
        let settings = ProviderSettings(
            name: "sms", values: LayeredSettings(source: "/nonexistent/loa.yaml", file: file, environment: [:], flags: [:]),
            publicURL: URL(string: "https://loa.example.vn")!, reportTimeoutSeconds: 3600)
        do {
            _ = try HTTPProviderFactory.blueprint(settings)
            return nil
        } catch {
            return error
        }
    }

    @Test func missingSecretIsNamedWithWhereItIsUsed() {
        let failure = error(["secrets.accountSid": "AC1"])
        #expect(failure?.key == "providers.sms.secrets.authToken")
        #expect(failure?.message.contains("{{authToken}}") == true)
        #expect(failure?.message.contains("LOA_PROVIDERS_SMS_SECRETS_AUTH_TOKEN") == true)
    }

    @Test func operatorKeysOverrideThePreset() throws {
        #expect(error(["secrets.accountSid": "AC1", "secrets.authToken": "t", "url": "http://api.example.com/send"])?.key == "providers.sms.url")
        #expect(error(["secrets.accountSid": "AC1", "secrets.authToken": "t", "url": "http://127.0.0.1:9/send"]) == nil)
    }

    @Test func unknownPresetNamesTheShippedOnes() {
        #expect(error([:], preset: nil)?.key == "providers.sms.url")
        let missing = error(["preset": "nosuch"], preset: nil)
        #expect(missing?.key == "providers.sms.preset")
        #expect(missing?.message.contains("twilio, esms") == true)
    }

    @Test func placeholderTyposAndBadStatusesAreRefused() {
        #expect(error(["secrets.accountSid": "AC1", "secrets.authToken": "t", "fields.Body": "{{text"])?.key == "providers.sms.fields.Body")
        #expect(error(["secrets.accountSid": "AC1", "secrets.authToken": "t", "receipt.statuses.delivered": "arrived"])?.key
            == "providers.sms.receipt.statuses.delivered")
        #expect(error(["secrets.accountSid": "AC1", "secrets.authToken": "t", "receiptSecret": "short"])?.key == "providers.sms.receiptSecret")
    }
}

/// The answer classification, without a network.
struct AnswerRulesTests {
    let rules = AnswerRules(messageIdPath: "data.tranId", codePath: "code", errorPath: "message", successCodes: ["00"], transientCodes: ["500"])

    private func outcome(_ status: Int, _ body: String) -> Result<AnswerRules.Accepted, SubmitFailure> {
        do {
            return .success(try rules.interpret(status: status, body: Array(body.utf8), retryAfterSeconds: nil, provider: "p"))
        } catch {
            return .failure(error)
        }
    }

    @Test func successCodeWithNestedId() throws {
        let accepted = try outcome(200, #"{"status":"success","code":"00","data":{"tranId":123456}}"#).get()
        #expect(accepted.providerMessageId == "123456")
    }

    @Test func resultCodesDecideTransientOrPermanent() {
        #expect(throws: SubmitFailure.transient("provider_500", "p could not take the message now (code 500: Internal error)")) {
            try outcome(200, #"{"status":"error","code":"500","message":"Internal error"}"#).get()
        }
        if case .failure(let failure) = outcome(200, #"{"status":"error","code":"105","message":"Phone 84912345678 invalid"}"#) {
            #expect(failure.kind == .permanent && failure.code == "provider_105")
            #expect(failure.message.contains("********678") && !failure.message.contains("84912345678"))
        } else {
            Issue.record("a refused number was accepted")
        }
    }

    @Test func statusesWithoutBodies() {
        for (status, kind, code) in [(429, SubmitFailure.Kind.transient, "throttled"), (502, .transient, "http_502"), (404, .permanent, "http_404")] {
            if case .failure(let failure) = outcome(status, "<html>gateway</html>") {
                #expect(failure.kind == kind && failure.code == code)
            } else {
                Issue.record("HTTP \(status) was accepted")
            }
        }
        if case .failure(let failure) = outcome(200, "<html>not json</html>") {
            #expect(failure.code == "unreadable_answer" && failure.kind == .transient)
        }
    }
}
