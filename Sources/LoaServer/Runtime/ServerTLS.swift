import LoaSettings
import HummingbirdTLS
import LoaConfig
import NIOSSL

/// The TLS side of `loa serve`: the certificate chain and key of `server.tls.*`, read and checked
/// at start-up so that a bad file stops the start with the key to fix, not the first handshake.
enum ServerTLS {
    /// A server configuration from PEM files (TLS 1.2 and later, NIOSSL's default ciphers).
    static func configuration(_ files: GatewayConfiguration.TLSFiles) throws(ConfigurationError) -> TLSConfiguration {
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(files.certificatePath)
        } catch {
            throw ConfigurationError(key: "server.tls.certificate", message: "'\(files.certificatePath)' holds no readable PEM certificate (\(error)); give the server certificate, then any intermediates, in PEM")
        }
        guard !chain.isEmpty else {
            throw ConfigurationError(key: "server.tls.certificate", message: "'\(files.certificatePath)' holds no PEM certificate; give the server certificate, then any intermediates, in PEM")
        }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(file: files.keyPath, format: .pem)
        } catch {
            throw ConfigurationError(key: "server.tls.key", message: "'\(files.keyPath)' holds no readable PEM private key (\(error)); give the certificate's unencrypted private key in PEM")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        do {
            _ = try NIOSSLContext(configuration: configuration)
        } catch {
            throw ConfigurationError(key: "server.tls.key", message: "the key in '\(files.keyPath)' cannot serve the certificate in '\(files.certificatePath)' (\(error)); give the private key that belongs to that certificate")
        }
        return configuration
    }
}
