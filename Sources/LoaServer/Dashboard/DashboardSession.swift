import Crypto
import Foundation

/// A signed dashboard cookie's contents: a signed-in operator's session, or the short-lived
/// pass the sign-in form is posted with (no key yet). Its `nonce` binds the forms' CSRF token to it.
struct DashboardSession: Sendable, Equatable {
    /// The key that signed in; nil for the sign-in form's pass.
    let keyId: String?
    let expiresAt: Date
    let nonce: String

    /// A new session or pass with a fresh random nonce.
    static func issue(keyId: String?, lifetime: TimeInterval, now: Date) -> DashboardSession {
        let nonce = SymmetricKey(size: .bits128).withUnsafeBytes { Data($0) }.base64URLEncoded
        return DashboardSession(keyId: keyId, expiresAt: now.addingTimeInterval(lifetime), nonce: nonce)
    }
}

/// Signs and checks dashboard cookies and CSRF tokens with HMAC-SHA256 under the gateway's
/// session secret (generated once and kept in the store, see ``SecretKeeping``).
///
/// A cookie is `v1.<keyId or ->.<expiry seconds>.<nonce>.<mac>`; it is refused when the MAC
/// does not match, when it has expired, or when it is a pass where a session is wanted.
struct DashboardSigner: Sendable {
    let key: SymmetricKey

    func cookieValue(_ session: DashboardSession) -> String {
        let payload = "v1.\(session.keyId ?? "-").\(Int64(session.expiresAt.timeIntervalSince1970)).\(session.nonce)"
        return payload + "." + mac(payload)
    }

    /// The session in `value` if it is genuine and unexpired at `now`.
    func session(from value: String, now: Date) -> DashboardSession? {
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "v1", let seconds = Int64(parts[2]),
              let presented = Data(base64URLEncoded: String(parts[4])) else { return nil }
        let payload = parts[0..<4].joined(separator: ".")
        guard HMAC<SHA256>.isValidAuthenticationCode(presented, authenticating: Data(payload.utf8), using: key) else { return nil }
        let expiresAt = Date(timeIntervalSince1970: TimeInterval(seconds))
        guard expiresAt > now else { return nil }
        return DashboardSession(keyId: parts[1] == "-" ? nil : String(parts[1]), expiresAt: expiresAt, nonce: String(parts[3]))
    }

    /// The CSRF token the forms of `session` carry.
    func csrfToken(for session: DashboardSession) -> String {
        mac("csrf." + session.nonce)
    }

    /// Whether `token` is the CSRF token of `session` (compared in constant time).
    func isValidCSRFToken(_ token: String, for session: DashboardSession) -> Bool {
        guard let presented = Data(base64URLEncoded: token) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(presented, authenticating: Data(("csrf." + session.nonce).utf8), using: key)
    }

    private func mac(_ text: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key)).base64URLEncoded
    }
}

extension Data {
    /// Base64 with the URL and cookie safe alphabet, without padding.
    var base64URLEncoded: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Reads ``base64URLEncoded`` text.
    init?(base64URLEncoded text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        self.init(base64Encoded: base64)
    }
}
