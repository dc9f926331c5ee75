public import LoaSettings
import Foundation
import LoaCore

extension GatewayConfiguration {
    /// `server.*`: the listener, its limits, TLS and the request rate limits.
    static func server(_ settings: LayeredSettings) throws(ConfigurationError) -> Server {
        let host = settings.string("server.host", default: "127.0.0.1")
        let port = try settings.int("server.port", default: 8080, in: 0...65535)
        let tls = try tlsFiles(settings)
        let allowPlainHTTP = try settings.bool("server.allowPlainHTTP", default: false)
        if tls == nil, !allowPlainHTTP, !Server.isLoopback(host) {
            throw ConfigurationError(key: "server.allowPlainHTTP", message: "server.host is \(host), which other machines can reach, but server.tls is not set, so API keys and residents' numbers would cross the network in clear; set server.tls.certificate and server.tls.key (PEM files), or, behind a proxy that terminates TLS, set server.allowPlainHTTP: true (\(LayeredSettings.environmentName(for: "server.allowPlainHTTP"))=true)")
        }
        let scheme = tls == nil ? "http" : "https"
        let reachable = host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host
        let publicHost = reachable.contains(":") && !reachable.hasPrefix("[") ? "[\(reachable)]" : reachable
        return Server(
            host: host, port: port,
            maxBodyBytes: try settings.int("server.maxBodyBytes", default: 1_048_576, in: 1024...(64 << 20)),
            // Port 0 picks a free port at start, unknown here: a provider that calls back then
            // needs server.publicURL set.
            publicURL: try settings.url("server.publicURL", default: "\(scheme)://\(publicHost)\(port == 0 ? "" : ":\(port)")"),
            idleTimeoutSeconds: try settings.seconds("server.idleTimeout", default: 60, in: 0.1...3600),
            maxConnections: try settings.int("server.maxConnections", default: 1024, in: 1...1_000_000),
            maxConnectionsPerAddress: try settings.int("server.maxConnectionsPerAddress", default: 64, in: 0...1_000_000),
            headerTimeoutSeconds: try settings.seconds("server.headerTimeout", default: 10, in: 0.1...3600),
            maxHeaderBytes: try settings.int("server.maxHeaderBytes", default: 16_384, in: 1024...(1 << 20)),
            rateLimitPerKey: RequestRateLimit(
                requestsPerSecond: try settings.double("server.rateLimit.perKey", default: 200, in: 0...1_000_000),
                burst: try settings.int("server.rateLimit.perKeyBurst", default: 1000, in: 1...1_000_000)),
            rateLimitPerAddress: RequestRateLimit(
                requestsPerSecond: try settings.double("server.rateLimit.perAddress", default: 20, in: 0...1_000_000),
                burst: try settings.int("server.rateLimit.perAddressBurst", default: 100, in: 1...1_000_000)),
            tls: tls, allowPlainHTTP: allowPlainHTTP)
    }

    /// Both `server.tls.certificate` and `server.tls.key`, or neither; each a readable file.
    static func tlsFiles(_ settings: LayeredSettings) throws(ConfigurationError) -> TLSFiles? {
        let certificate = settings.optionalString("server.tls.certificate")
        let key = settings.optionalString("server.tls.key")
        switch (certificate, key) {
        case (nil, nil):
            return nil
        case (let certificate?, let key?):
            for (name, path) in [("server.tls.certificate", certificate), ("server.tls.key", key)]
            where !FileManager.default.isReadableFile(atPath: path) {
                throw ConfigurationError(key: name, message: "'\(path)' is not a readable file; give the path of a PEM file; \(settings.howToSet(name))")
            }
            return TLSFiles(certificatePath: certificate, keyPath: key)
        case (nil, _):
            throw ConfigurationError(key: "server.tls.certificate", message: "is required when server.tls.key is set (the PEM certificate chain for that key); \(settings.howToSet("server.tls.certificate"))")
        case (_, nil):
            throw ConfigurationError(key: "server.tls.key", message: "is required when server.tls.certificate is set (the PEM private key of that certificate); \(settings.howToSet("server.tls.key"))")
        }
    }
}

extension GatewayConfiguration.Server {
    /// `localhost`, `::1` and `127.0.0.0/8`: addresses only this machine can reach.
    static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased()
        if host == "localhost" || host == "::1" || host == "[::1]" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }
}
