import Foundation
import LoaConfig
import LoaSettings
import LoaCore
import Testing

@Suite("Configuration of the server: limits, TLS, plain HTTP")
struct ServerConfigurationTests {
    func load(_ yaml: String = "", environment: [String: String] = [:], flags: [String: String] = [:]) throws -> GatewayConfiguration {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("loa-config-\(UUID().uuidString).yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        return try GatewayConfiguration.load(configPath: file.path, environment: environment, flags: flags)
    }

    func refusal(_ yaml: String = "", environment: [String: String] = [:]) -> ConfigurationError? {
        do {
            _ = try load(yaml, environment: environment)
            return nil
        } catch {
            return error as? ConfigurationError
        }
    }

    @Test("defaults: idle timeout on, connection and header caps, rate limits that batches never reach")
    func defaults() throws {
        let server = try load().server
        #expect(server.idleTimeoutSeconds == 60)
        #expect(server.maxConnections == 1024)
        #expect(server.maxConnectionsPerAddress == 64)
        #expect(server.headerTimeoutSeconds == 10)
        #expect(server.maxHeaderBytes == 16_384)
        #expect(server.rateLimitPerKey == RequestRateLimit(requestsPerSecond: 200, burst: 1000))
        #expect(server.rateLimitPerAddress == RequestRateLimit(requestsPerSecond: 20, burst: 100))
        #expect(server.tls == nil)
        #expect(!server.allowPlainHTTP)
        #expect(server.publicURL.absoluteString == "http://127.0.0.1:8080")
    }

    @Test("the limits are read from the file and the environment")
    func limits() throws {
        let server = try load("server:\n  idleTimeout: 5s\n  maxConnections: 10\n  rateLimit:\n    perKey: 5\n", environment: [
            "LOA_SERVER_MAX_HEADER_BYTES": "4096", "LOA_SERVER_RATE_LIMIT_PER_KEY_BURST": "7",
        ]).server
        #expect(server.idleTimeoutSeconds == 5)
        #expect(server.maxConnections == 10)
        #expect(server.maxHeaderBytes == 4096)
        #expect(server.rateLimitPerKey == RequestRateLimit(requestsPerSecond: 5, burst: 7))
        #expect(refusal("server:\n  maxConnections: 0\n")?.key == "server.maxConnections")
        #expect(refusal("server:\n  maxHeaderBytes: 10\n")?.key == "server.maxHeaderBytes")
        let perAddress = try load("server:\n  maxConnectionsPerAddress: 0\n  headerTimeout: 2s\n").server
        #expect(perAddress.maxConnectionsPerAddress == 0)
        #expect(perAddress.headerTimeoutSeconds == 2)
        #expect(refusal("server:\n  maxConnectionsPerAddress: -1\n")?.key == "server.maxConnectionsPerAddress")
        #expect(refusal(environment: ["LOA_SERVER_HEADER_TIMEOUT": "0s"])?.key == "server.headerTimeout")
    }

    @Test("a non-loopback address without TLS is refused, naming server.allowPlainHTTP")
    func plainHTTPBeyondLoopback() throws {
        let error = try #require(refusal("server:\n  host: 0.0.0.0\n"))
        #expect(error.key == "server.allowPlainHTTP")
        #expect(error.message.contains("server.tls.certificate"))
        #expect(error.message.contains("LOA_SERVER_ALLOW_PLAIN_HTTP=true"))
        #expect(refusal(environment: ["LOA_SERVER_HOST": "10.1.2.3"])?.key == "server.allowPlainHTTP")
        let allowed = try load("server:\n  host: 0.0.0.0\n", environment: ["LOA_SERVER_ALLOW_PLAIN_HTTP": "true"]).server
        #expect(allowed.allowPlainHTTP)
        #expect(!allowed.isLoopback)
        for host in ["127.0.0.1", "127.0.0.53", "localhost", "::1"] {
            #expect(try load(environment: ["LOA_SERVER_HOST": host]).server.isLoopback, "\(host)")
        }
        #expect(try load(environment: ["LOA_SERVER_HOST": "::1"]).server.publicURL.absoluteString == "http://[::1]:8080")
    }

    @Test("TLS needs both files, readable; with them the public URL is https and any host is allowed")
    func tlsFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loa-tls-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let certificate = folder.appendingPathComponent("cert.pem").path
        let key = folder.appendingPathComponent("key.pem").path
        try "certificate".write(toFile: certificate, atomically: true, encoding: .utf8)
        try "key".write(toFile: key, atomically: true, encoding: .utf8)

        #expect(refusal(environment: ["LOA_SERVER_TLS_KEY": key])?.key == "server.tls.certificate")
        #expect(refusal(environment: ["LOA_SERVER_TLS_CERTIFICATE": certificate])?.key == "server.tls.key")
        #expect(refusal(environment: ["LOA_SERVER_TLS_CERTIFICATE": certificate, "LOA_SERVER_TLS_KEY": folder.appendingPathComponent("missing.pem").path])?.key == "server.tls.key")
        let server = try load("server:\n  host: 0.0.0.0\n  port: 8443\n  tls:\n    certificate: \(certificate)\n    key: \(key)\n").server
        #expect(server.tls == GatewayConfiguration.TLSFiles(certificatePath: certificate, keyPath: key))
        #expect(server.publicURL.absoluteString == "https://127.0.0.1:8443")
    }
}
