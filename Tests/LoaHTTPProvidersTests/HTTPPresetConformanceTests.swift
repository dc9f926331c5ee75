import LoaProviderConformance
import Testing

// Each shipped preset passes the provider conformance suite against its loopback stand-in
// (written from the provider's documentation), receipts through Loa's receipt endpoint.
// SpeedSMS plays no receipt case: its stand-in sends none; no stand-in restarts mid-batch
// (a Hummingbird server stopped while a client connects traps in NIO; see PresetConformanceRig).

@Suite("Twilio preset: provider conformance against its stand-in (no restart mid-batch)", .timeLimit(.minutes(5)))
struct TwilioConformanceTests {
    @Test(arguments: ConformanceCase.allCases(except: PresetConformanceRig<Twilio>.unsupported))
    func conformance(_ check: ConformanceCase) async throws {
        try await check.run(PresetConformanceRig<Twilio>.self)
    }
}

@Suite("eSMS preset: provider conformance against its stand-in (no restart mid-batch)", .timeLimit(.minutes(5)))
struct ESMSConformanceTests {
    @Test(arguments: ConformanceCase.allCases(except: PresetConformanceRig<ESMS>.unsupported))
    func conformance(_ check: ConformanceCase) async throws {
        try await check.run(PresetConformanceRig<ESMS>.self)
    }
}

@Suite("SpeedSMS preset: provider conformance against its stand-in (no receipt cases: the stand-in sends none; no restart mid-batch)", .timeLimit(.minutes(5)))
struct SpeedSMSConformanceTests {
    @Test(arguments: ConformanceCase.allCases(except: PresetConformanceRig<SpeedSMS>.unsupported))
    func conformance(_ check: ConformanceCase) async throws {
        try await check.run(PresetConformanceRig<SpeedSMS>.self)
    }
}
