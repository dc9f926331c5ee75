import Foundation
import LoaTestSupport
import Testing

/// `loa keys create` with scopes and signing, and the README's openssl signing recipe, against
/// the real binary.
@Suite("ingest keys with scopes and signatures, end to end", .serialized)
struct IngestKeyTests {
    @Test("keys create limits an ingest key to sources and communes, refuses unknown communes, and list shows the scope")
    func scopedKeys() async throws {
        let loa = try LoaBinary()
        let unknown = try await loa.runFailing(["keys", "create", "--role", "ingest", "--commune", "na-u,muong-pon"])
        #expect(unknown.status != 0)
        #expect(unknown.error.contains("'muong-pon'"))
        #expect(unknown.error.contains("communes.yaml"))
        let signedOperator = try await loa.runFailing(["keys", "create", "--role", "operator", "--signed"])
        #expect(signedOperator.status != 0)
        #expect(signedOperator.error.contains("ingest keys only"))
        let twoCommunes = try await loa.runFailing(["keys", "create", "--role", "officer", "--commune", "na-u,muong-nhe"])
        #expect(twoCommunes.status != 0)
        #expect(try await loa.run(["keys", "list"]).isEmpty)

        let secret = try await loa.createKey(role: "ingest", commune: "na-u,muong-nhe", extraArguments: ["--source", "dienbien-motcua"])
        _ = try await loa.createKey(role: "officer", commune: "na-u")
        let listing = try await loa.run(["keys", "list"])
        let rows = listing.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(rows.count == 2)
        #expect(rows.first?[1] == "ingest")
        #expect(rows.first?[2] == "sources=dienbien-motcua communes=muong-nhe,na-u")
        #expect(rows.first?[3] == "unsigned")
        #expect(rows.last?[2] == "commune=na-u")
        #expect(!listing.contains(secret))

        try await loa.start()
        let inside = try await HTTPJSON.send(.POST, "\(loa.baseURL)/v1/dossier-events", key: secret,
                                             json: Events.make("in-1", dossier: "S-1", locale: "vi", status: 9))
        #expect(inside.status == 202)
        var elsewhere = Events.make("out-1", dossier: "S-2", locale: "vi", status: 9)
        elsewhere["commune"] = "sin-thau"
        let outside = try await HTTPJSON.send(.POST, "\(loa.baseURL)/v1/dossier-events", key: secret, json: elsewhere)
        #expect(outside.status == 403)
        #expect((outside.json["error"] as? [String: Any])?["field"] as? String == "commune")
        #expect(await loa.terminate() == 0)
    }

    @Test("a signed key's secrets are printed once, and the README's curl + openssl recipe signs acceptably")
    func readmeSigningRecipe() async throws {
        let loa = try LoaBinary()
        let output = try await loa.run(["keys", "create", "--role", "ingest", "--signed", "--name", "motcua"])
        let bearer = try #require(output.split(separator: "\n").last.map(String.init))
        let signing = try #require(output.split(whereSeparator: { $0 == " " || $0 == "\n" }).first { $0.hasPrefix("loasig_") }.map(String.init))
        #expect(bearer.hasPrefix("loa_"))
        #expect(signing.count == "loasig_".count + 64)
        let listing = try await loa.run(["keys", "list"])
        #expect(listing.contains("\tsigned\t"))
        #expect(!listing.contains(signing))
        try await loa.start()

        let body = String(decoding: try JSONSerialization.data(withJSONObject: Events.make("sig-1", dossier: "G-1", locale: "hmn", status: 9)), as: UTF8.self)
        // The README's recipe, word for word but for the address.
        let recipe = """
            T=$(date +%s)
            SIG=$(printf '%s.%s' "$T" "$BODY" | openssl dgst -sha256 -hmac "$SIGNING" -r | cut -d' ' -f1)
            curl -s -X POST "$LOA/v1/dossier-events" \\
              -H "Authorization: Bearer $INGEST" -H "Loa-Signature: t=$T,v1=$SIG" \\
              -H 'Content-Type: application/json' --data-binary "$BODY"
            """
        let answer = try await Peers.runCapturing(
            "/usr/bin/env", ["BODY=\(body)", "SIGNING=\(signing)", "INGEST=\(bearer)", "LOA=\(loa.baseURL)", "sh", "-c", recipe],
            input: Data())
        let json = try JSONSerialization.jsonObject(with: answer) as? [String: Any]
        let results = json?["results"] as? [[String: Any]]
        #expect(results?.first?["outcome"] as? String == "accepted", "\(String(decoding: answer, as: UTF8.self))")

        let unsigned = try await HTTPJSON.send(.POST, "\(loa.baseURL)/v1/dossier-events", key: bearer, body: Data(body.utf8))
        #expect(unsigned.status == 401)
        #expect(unsigned.text.contains("signature_required"))
        #expect(!loa.logs().contains(signing))
        #expect(await loa.terminate() == 0)
    }
}
