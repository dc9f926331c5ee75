import Foundation
import LoaCore
import LoaStore
import Testing

/// Ingest keys: their scopes and sealed signing secrets are kept, and each event records the
/// key that sent it.
extension StoreConformance {
    static func eventRecordsItsKey(_ store: any Store) async throws {
        var sent = Fixtures.event("with-key")
        sent.keyId = "key_A"
        let anonymous = Fixtures.event("without-key", dossier: "D-2")
        let outcomes = try await store.ingest([sent, anonymous]) { event, _ throws(IngestRejection) in
            EventPlan(messages: [Fixtures.message(for: event, id: "m-" + event.eventId)], supersedesOlderMessages: false)
        }
        #expect(outcomes == [.accepted(messageIds: ["m-with-key"]), .accepted(messageIds: ["m-without-key"])])
        let record = try #require(try await store.inboxRecord(source: sent.source, eventId: sent.eventId))
        #expect(record.keyId == "key_A")
        #expect(record.dossierCode == sent.dossierCode)
        #expect(record.status == sent.status)
        #expect(record.messageIds == ["m-with-key"])
        #expect(try await store.inboxRecord(source: anonymous.source, eventId: anonymous.eventId)?.keyId == nil)
        #expect(try await store.inboxRecord(source: "elsewhere", eventId: sent.eventId) == nil)

        // A duplicate sent with another key leaves the first key on the record.
        var again = sent
        again.keyId = "key_B"
        #expect(try await store.ingest([again]) { _, _ throws(IngestRejection) in
            EventPlan(messages: [], supersedesOlderMessages: false)
        } == [.duplicate])
        #expect(try await store.inboxRecord(source: sent.source, eventId: sent.eventId)?.keyId == "key_A")
    }

    static func keyScopesAndSigningSecretsAreKept(_ store: any Store) async throws {
        let scope = IngestScope(sources: ["dienbien-motcua", "lai,chau"], communes: ["na-u", "muong-nhe"])
        let (scoped, _) = APIKeySecret.issue(name: "motcua", role: .ingest, commune: nil, scope: scope, at: Fixtures.now)
        let (signed, bearer, signingSecret) = try APIKeySecret.issueSigned(name: "signed", scope: .unrestricted, at: Fixtures.now)
        let (officer, _) = APIKeySecret.issue(name: "officer", role: .officer, commune: "na-u", at: Fixtures.now)
        for key in [scoped, signed, officer] { try await store.insert(key) }

        let stored = Dictionary(uniqueKeysWithValues: try await store.keys().map { ($0.id, $0) })
        #expect(stored[scoped.id] == scoped)
        #expect(stored[scoped.id]?.ingestScope.sources == ["dienbien-motcua", "lai,chau"])
        #expect(stored[scoped.id]?.signsRequests == false)
        #expect(stored[officer.id]?.commune == "na-u")
        #expect(stored[officer.id]?.ingestScope == .unrestricted)
        let storedSigned = try #require(stored[signed.id])
        #expect(storedSigned.ingestScope == .unrestricted)
        let sealed = try #require(storedSigned.sealedSigningSecret)
        // Sealed, not stored as the secret: the bearer secret opens it, nothing else does.
        #expect(!String(decoding: sealed, as: UTF8.self).contains(signingSecret.text))
        #expect(try IngestSigningSecret.unseal(sealed, bearer: bearer, keyId: signed.id) == signingSecret)
        #expect(throws: (any Error).self) { try IngestSigningSecret.unseal(sealed, bearer: bearer + "x", keyId: signed.id) }
        #expect(throws: (any Error).self) { try IngestSigningSecret.unseal(sealed, bearer: bearer, keyId: scoped.id) }
        #expect(try await store.activeKey(secretHash: APIKeySecret.hash(bearer))?.sealedSigningSecret == sealed)
    }
}
