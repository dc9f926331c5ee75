import Foundation
import HummingbirdTesting
import LoaConfig
import LoaServer
import LoaSettings
import LoaTestSupport
import NIOSSL
import Testing

/// `server.tls.*`: HTTPS with a self-signed certificate made for the test, over real loopback.
@Suite("TLS")
struct TLSTests {
    /// A self-signed certificate for `localhost` and its key, written by the openssl CLI.
    struct SelfSigned {
        let folder: URL
        var certificate: String { folder.appendingPathComponent("cert.pem").path }
        var key: String { folder.appendingPathComponent("key.pem").path }

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("loa-tls-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let run = try CapturedRun(executable: "openssl", arguments: [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", folder.appendingPathComponent("key.pem").path, "-out", folder.appendingPathComponent("cert.pem").path,
                "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
            ])
            guard run.status == 0 else { throw TLSTestError.opensslFailed(run.status) }
        }
    }

    enum TLSTestError: Error { case opensslFailed(Int32) }

    @Test("with server.tls set, loa serves HTTPS that a client trusting the certificate can use, and no plain HTTP")
    func servesHTTPS() async throws {
        let files = try SelfSigned()
        defer { try? FileManager.default.removeItem(at: files.folder) }
        let test = try await TestGateway.make([
            "server.port": "0", "server.tls.certificate": files.certificate, "server.tls.key": files.key,
        ])
        defer { try? FileManager.default.removeItem(at: test.folder) }
        #expect(test.gateway.configuration.server.publicURL.scheme == "https")
        let trusted = try NIOSSLCertificate.fromPEMFile(files.certificate)
        try await LoopbackServer.serving(test.gateway) { port in
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .certificates(trusted)
            tls.certificateVerification = .fullVerification
            let client = TestClient(host: "127.0.0.1", port: port, configuration: .init(tlsConfiguration: tls, timeout: .seconds(60), serverName: "localhost"))
            client.connect()
            let health = try await client.get("/health")
            #expect(health.status == .ok)
            #expect(String(buffer: health.body ?? .init()) == #"{"status":"ok"}"#)
            let status = try await client.get("/v1/status", headers: [.authorization: "Bearer \(test.keys["operator"] ?? "")"])
            #expect(status.status == .ok)
            try await client.shutdown()

            // Plain HTTP on the same port gets no HTTP answer, only the end of the connection.
            let plain = try await RawConnection.open(port: port)
            try await plain.get("/health")
            try await LoopbackServer.within(60, "the TLS server closing a plain-HTTP connection") { await plain.waitForClose() }
            #expect(!plain.text.contains("HTTP/1.1"))
        }
    }

    @Test("a client that does not trust the certificate cannot talk to it")
    func untrustedCertificateIsRefused() async throws {
        let files = try SelfSigned()
        defer { try? FileManager.default.removeItem(at: files.folder) }
        let test = try await TestGateway.make([
            "server.port": "0", "server.tls.certificate": files.certificate, "server.tls.key": files.key,
        ])
        defer { try? FileManager.default.removeItem(at: test.folder) }
        try await LoopbackServer.serving(test.gateway) { port in
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .certificates([])
            let client = TestClient(host: "127.0.0.1", port: port, configuration: .init(tlsConfiguration: tls, timeout: .seconds(60), serverName: "localhost"))
            client.connect()
            await #expect(throws: (any Error).self) { _ = try await client.get("/health") }
            try? await client.shutdown()
        }
    }

    @Test("a file that is not a PEM certificate or key stops the start, naming the key")
    func badFilesNameTheKey() async throws {
        let files = try SelfSigned()
        defer { try? FileManager.default.removeItem(at: files.folder) }
        let garbage = files.folder.appendingPathComponent("garbage.pem").path
        try "not a certificate".write(toFile: garbage, atomically: true, encoding: .utf8)
        let other = try SelfSigned()
        defer { try? FileManager.default.removeItem(at: other.folder) }
        for (overrides, key) in [
            (["server.tls.certificate": garbage, "server.tls.key": files.key], "server.tls.certificate"),
            (["server.tls.certificate": files.certificate, "server.tls.key": garbage], "server.tls.key"),
            (["server.tls.certificate": files.certificate, "server.tls.key": other.key], "server.tls.key"),
        ] {
            do {
                _ = try await TestGateway.make(overrides)
                Issue.record("started with \(overrides)")
            } catch let error as ConfigurationError {
                #expect(error.key == key, "\(error)")
            }
        }
    }
}
