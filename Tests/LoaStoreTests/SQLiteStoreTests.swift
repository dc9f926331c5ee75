import Foundation
import LoaStore
import LoaStoreConformance
import LoaTestSupport
import Testing

/// The store conformance suite against the embedded driver, each case on a fresh SQLite file.
@Suite("SQLite store")
struct SQLiteStoreTests {
    @Test("conformance", arguments: StoreConformance.all)
    func conformance(_ behaviour: StoreConformance) async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.path("loa.sqlite"))
        try await store.migrate()
        try await behaviour.check(store)
    }

    @Test("migrating twice is harmless and keeps data")
    func migrateTwice() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("loa.sqlite")
        let store = try SQLiteStore(path: path)
        try await store.migrate()
        try await Fixtures.insert(store, [Fixtures.message(id: "m1", notBefore: Fixtures.now)])
        let reopened = try SQLiteStore(path: path)
        try await reopened.migrate()
        #expect(try await reopened.message(id: "m1")?.id == "m1")
    }
}
