import Foundation
import LoaPeers
import LoaTestSupport

extension SMPPSimulator {
    /// Run the simulator tests when smpp34 is installed, and always under CI (where they fail
    /// without it: `scripts/test` installs it).
    static var enabled: Bool {
        if Peers.isCI { return true }
        let installed = python(repositoryRoot: LoaBinary.repositoryRoot) != nil
        if !installed {
            print("⚠️ SKIPPING SMPP simulator tests: smpp34 is not in .venv-peers (.venv-peers/bin/pip install smpp34==1.5.0)")
        }
        return installed
    }

    /// Starts a simulator from this checkout with the script's `options`.
    convenience init(options: [String] = []) async throws {
        try await self.init(repositoryRoot: LoaBinary.repositoryRoot, options: options)
    }
}
