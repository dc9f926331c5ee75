import LoaCore
import Testing

@Suite("Ingest key scopes")
struct IngestScopeTests {
    @Test("an unrestricted scope allows every source and commune")
    func unrestricted() {
        let scope = IngestScope(sources: [], communes: [])
        #expect(scope.isUnrestricted)
        #expect(scope == .unrestricted)
        #expect(scope.refusal(source: "anything", commune: "anywhere") == nil)
    }

    @Test("a source outside the scope is refused naming source, the value and the allowed ones")
    func sourceOutside() throws {
        let scope = IngestScope(sources: ["dienbien-motcua", "dienbien-motcua"], communes: [])
        #expect(scope.sources == ["dienbien-motcua"])
        #expect(scope.refusal(source: "dienbien-motcua", commune: "na-u") == nil)
        let refusal = try #require(scope.refusal(source: "laichau-motcua", commune: "na-u"))
        #expect(refusal.field == .source)
        #expect(refusal.value == "laichau-motcua")
        #expect(refusal.allowed == ["dienbien-motcua"])
        #expect(refusal.message.contains("--source laichau-motcua"))
    }

    @Test("a commune outside the scope is refused naming commune; the source is checked first")
    func communeOutside() throws {
        let scope = IngestScope(sources: ["s"], communes: ["na-u", "muong-nhe"])
        #expect(scope.communes == ["muong-nhe", "na-u"])
        #expect(scope.refusal(source: "s", commune: "muong-nhe") == nil)
        let commune = try #require(scope.refusal(source: "s", commune: "sin-thau"))
        #expect(commune.field == .commune)
        #expect(commune.message.contains("muong-nhe, na-u"))
        #expect(commune.message.contains("--commune sin-thau"))
        #expect(scope.refusal(source: "other", commune: "sin-thau")?.field == .source)
    }
}
