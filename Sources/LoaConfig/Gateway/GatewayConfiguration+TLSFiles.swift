extension GatewayConfiguration {
    /// The certificate chain and private key `loa serve` serves HTTPS with (`server.tls.*`).
    public struct TLSFiles: Sendable, Equatable {
        /// PEM file with the server certificate, followed by any intermediate certificates.
        public var certificatePath: String
        /// PEM file with the certificate's private key.
        public var keyPath: String

        /// The two files.
        public init(certificatePath: String, keyPath: String) {
            self.certificatePath = certificatePath
            self.keyPath = keyPath
        }
    }
}
