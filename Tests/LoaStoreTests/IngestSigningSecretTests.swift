import Foundation
import LoaStore
import Testing

@Suite("Ingest signing secrets and signatures")
struct IngestSigningSecretTests {
    @Test("a new secret is the prefix and 32 random bytes in hex, different every time")
    func generate() throws {
        let first = IngestSigningSecret.generate()
        let second = IngestSigningSecret.generate()
        #expect(first != second)
        #expect(first.text.hasPrefix("loasig_"))
        let hex = first.text.dropFirst("loasig_".count)
        #expect(hex.count == 2 * IngestSigningSecret.randomByteCount)
        #expect(hex.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        #expect(IngestSigningSecret(text: first.text) == first)
        #expect(IngestSigningSecret(text: "loasig_abc") == nil)
        #expect(IngestSigningSecret(text: String(first.text.dropFirst())) == nil)
        #expect(!"\(first)".contains(hex))
    }

    /// The wire format, pinned by an independent implementation: Python's
    /// `hmac.new(b"loasig_" + b"ab" * 32, b"1764465300." + b'{"eventId":"e1"}', hashlib.sha256).hexdigest()`.
    @Test("the signature is HMAC-SHA256 of t, a full stop and the body, keyed by the secret's text")
    func knownAnswer() throws {
        let secret = try #require(IngestSigningSecret(text: "loasig_" + String(repeating: "ab", count: 32)))
        let signature = secret.sign(body: Data(#"{"eventId":"e1"}"#.utf8), timestamp: 1_764_465_300)
        #expect(signature.header == "t=1764465300,v1=\(Self.pythonHMAC)")
    }

    static let pythonHMAC = "79882a4a28f5023308d0f61b0f01e3d481debe9c6e7b2b91670bd352c253a4b4"

    @Test("a signature is valid for its body and time only")
    func validity() throws {
        let secret = IngestSigningSecret.generate()
        let body = Data(#"{"events":[]}"#.utf8)
        let signature = secret.sign(body: body, timestamp: 100)
        #expect(secret.isValid(signature, body: body))
        #expect(!secret.isValid(signature, body: Data(#"{"events":[ ]}"#.utf8)))
        #expect(!secret.isValid(IngestSignature(timestamp: 101, mac: signature.mac), body: body))
        #expect(!IngestSigningSecret.generate().isValid(signature, body: body))
        #expect(!secret.isValid(IngestSignature(timestamp: 100, mac: Array(signature.mac.dropLast())), body: body))
    }

    @Test("headers parse t and v1 in either order; anything malformed is nil")
    func headers() throws {
        let mac = String(repeating: "0f", count: 32)
        #expect(IngestSignature(header: "t=12,v1=\(mac)") == IngestSignature(timestamp: 12, mac: Array(repeating: 0x0F, count: 32)))
        #expect(IngestSignature(header: " v1=\(mac.uppercased()) , t=12 ,v2=zz")?.timestamp == 12)
        for malformed in [
            "", "t=12", "v1=\(mac)", "t=-12,v1=\(mac)", "t=1.5,v1=\(mac)", "t=,v1=\(mac)", "t=12,v1=\(mac.dropLast())",
            "t=12,v1=\(mac.dropLast(2))zz", "t=12,t=13,v1=\(mac)", "t=12,v1=\(mac),v1=\(mac)", "t=12;v1=\(mac)",
            "t=9999999999999999999,v1=\(mac)", "t=12,,v1=\(mac)",
        ] {
            #expect(IngestSignature(header: malformed) == nil, "\(malformed)")
        }
    }
}
