import Foundation
import LoaCore
import LoaStore
import LoaTestSupport
import Testing

/// `loa optouts add|list|remove` against the real binary and its database.
@Suite("loa optouts, end to end", .serialized)
struct OptOutsCommandTests {
    @Test("add stops a phone (listed masked, by the operator), remove resumes it; a bad number is refused")
    func addListRemove() async throws {
        let loa = try LoaBinary()
        _ = try await loa.run(["migrate"])
        #expect(try await loa.run(["optouts", "list"]).contains("no phone has stopped notifications"))

        let added = try await loa.run(["optouts", "add", "0912 345 678"])
        #expect(added.contains("*******678: notifications stopped"))
        let listed = try await loa.run(["optouts", "list"])
        #expect(listed.contains("*******678"))
        #expect(listed.contains("by operator:cli"))
        #expect(!listed.contains("912345678"), "the list shows numbers masked")
        let store = try SQLiteStore(path: loa.databasePath)
        #expect(try await store.preferences(of: try PhoneNumber(parsing: "0912345678")).isOptedOut)

        #expect(try await loa.run(["optouts", "remove", "+84912345678"]).contains("notifications resumed"))
        #expect(try await store.preferences(of: try PhoneNumber(parsing: "0912345678")).isOptedOut == false)
        #expect(try await loa.run(["optouts", "list"]).contains("no phone has stopped notifications"))

        let refused = try await loa.runFailing(["optouts", "add", "12"])
        #expect(refused.status != 0)
        #expect(!refused.error.isEmpty)
    }
}
