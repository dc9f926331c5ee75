import LoaProviderConformance
import Testing

/// The sandbox passes the provider conformance suite (SandboxRig); it has no rate limit, so
/// plays no throttling.
@Suite("Sandbox: provider conformance (not throttled: the sandbox has no rate limit)", .timeLimit(.minutes(5)))
struct SandboxConformanceTests {
    @Test(arguments: ConformanceCase.allCases(except: SandboxRig.unsupported))
    func conformance(_ check: ConformanceCase) async throws {
        try await check.run(SandboxRig.self)
    }
}
