import LoaProviderConformance
import Testing

/// The Kannel adapter passes the provider conformance suite against FakeKannel, every case
/// (FakeKannelRig); against real Kannel, see LoaEndToEndTests' KannelConformanceTests.
@Suite("Kannel adapter: provider conformance against FakeKannel", .timeLimit(.minutes(5)))
struct FakeKannelConformanceTests {
    @Test(arguments: ConformanceCase.allCases(except: FakeKannelRig.unsupported))
    func conformance(_ check: ConformanceCase) async throws {
        try await check.run(FakeKannelRig.self)
    }
}
