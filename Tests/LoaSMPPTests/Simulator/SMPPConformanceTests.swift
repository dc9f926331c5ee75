import LoaPeers
import LoaProviderConformance
import Testing

/// The SMPP provider passes the provider conformance suite against the smpp34 simulator, in its
/// own process, for every case (SMPPConformanceRig).
@Suite("SMPP provider: conformance against the smpp34 simulator", .enabled(if: SMPPSimulator.enabled), .timeLimit(.minutes(5)))
struct SMPPConformanceTests {
    @Test(arguments: ConformanceCase.allCases(except: SMPPConformanceRig.unsupported))
    func conformance(_ check: ConformanceCase) async throws {
        try await check.run(SMPPConformanceRig.self)
    }
}
