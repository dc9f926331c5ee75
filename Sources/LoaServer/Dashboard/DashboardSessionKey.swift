import Foundation
import Hummingbird

/// Which API key a request's dashboard session cookie was signed in with, if the cookie is
/// genuine and unexpired: what ``RateLimitMiddleware`` charges a signed-in operator's pages to,
/// so that operators behind one address (a commune station's NAT) each have their key's budget
/// instead of sharing the address's. Whether the key is still active is the dashboard's check,
/// made on every page.
struct DashboardSessionKey: Sendable {
    let keyring: DashboardKeyring
    let now: @Sendable () -> Date

    /// The signed-in key's id; nil without a genuine, unexpired session cookie (or before the
    /// session secret can be read).
    func keyId(of request: Request) async -> String? {
        guard let value = request.cookies[DashboardController.sessionCookie]?.value,
              let signer = try? await keyring.current() else { return nil }
        return signer.session(from: value, now: now())?.keyId
    }
}
