import Crypto
import Foundation
import LoaStore

/// The dashboard's signer, made once from the session secret kept in the store (generated on
/// first use, so no secret is written in code or configuration).
actor DashboardKeyring {
    static let secretName = "dashboard.session"

    private let secrets: any SecretKeeping
    private var signer: DashboardSigner?

    init(secrets: any SecretKeeping) {
        self.secrets = secrets
    }

    func current() async throws -> DashboardSigner {
        if let signer { return signer }
        let secret = try await secrets.secret(named: Self.secretName) {
            SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        }
        let made = DashboardSigner(key: SymmetricKey(data: secret))
        signer = made
        return made
    }
}
