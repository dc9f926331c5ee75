import Foundation
import Hummingbird
import LoaCore
import LoaStore
import Synchronization

/// Checks the `Loa-Signature` header that requests of a signing ingest key must carry:
/// `t=UNIX_SECONDS,v1=HEX(HMAC-SHA256(signing secret, "<t>." + body))`.
///
/// A signature is accepted within ``windowSeconds`` of this server's clock, either way, and
/// once: the signatures accepted within the window are remembered (at most ``capacity``), so a
/// replayed request is refused. The memory is this process's own: after a restart, or on
/// another node behind the same address, a request seen in the last five minutes can be
/// replayed once; the events in it are then answered `duplicate` by the inbox
/// (idempotent by source and event id), so a replay still creates nothing.
final class IngestSignatureVerifier: Sendable {
    /// The header's name.
    static let headerName = "Loa-Signature"
    private static let canonicalHeaderName = headerName.lowercased()
    /// How far a signing time may be from this server's clock, either way.
    static let windowSeconds: Int64 = 300
    /// How many signatures are remembered at most: about 660 signed requests a second, each
    /// holding up to 1000 events, for the whole window (some 20 MB).
    static let defaultCapacity = 200_000

    private let recent: Mutex<RecentSignatures<[UInt8]>>
    private let now: @Sendable () -> Date

    init(capacity: Int = IngestSignatureVerifier.defaultCapacity, now: @escaping @Sendable () -> Date) {
        recent = Mutex(RecentSignatures(windowSeconds: IngestSignatureVerifier.windowSeconds, capacity: capacity))
        self.now = now
    }

    /// Passes when `request` carries a fresh, unseen signature of `body` under `secret`;
    /// otherwise throws a 401 or 403 naming the header and the fix (503 when the memory is full).
    func verify(_ request: Request, body: Data, secret: IngestSigningSecret) throws(APIError) {
        guard let signature = try IngestSignatureVerifier.presentedSignature(request) else {
            throw IngestSignatureVerifier.refusal(.missing)
        }
        let nowSeconds = Int64(now().timeIntervalSince1970.rounded(.down))
        if case .stale(let age)? = RecentSignatures<[UInt8]>.staleness(
            signedAt: signature.timestamp, now: nowSeconds, windowSeconds: IngestSignatureVerifier.windowSeconds) {
            throw IngestSignatureVerifier.refusal(.stale(ageSeconds: age))
        }
        guard secret.isValid(signature, body: body) else {
            throw IngestSignatureVerifier.refusal(.mismatch)
        }
        switch recent.withLock({ $0.admit(signature.mac, signedAt: signature.timestamp, now: nowSeconds) }) {
        case .fresh:
            return
        case .replayed:
            throw IngestSignatureVerifier.refusal(.replayed)
        case .stale(let age):
            throw IngestSignatureVerifier.refusal(.stale(ageSeconds: age))
        case .full(let retryAfter):
            throw APIError(
                .serviceUnavailable, code: "signature_memory_full",
                message: "too many signed requests in the last \(IngestSignatureVerifier.windowSeconds) seconds to remember them all; retry after \(retryAfter) seconds, signed afresh",
                headers: [.retryAfter: String(retryAfter)])
        }
    }

    /// The request's one well-formed `Loa-Signature`, or nil when it has none; a malformed or
    /// repeated header is refused whatever the key, so a client never believes a body is
    /// signed when it is not (keys that do not sign ignore a well-formed header).
    static func presentedSignature(_ request: Request) throws(APIError) -> IngestSignature? {
        let values = request.headers.filter { $0.name.canonicalName == canonicalHeaderName }
        guard let header = values.first?.value else { return nil }
        guard values.count == 1, let signature = IngestSignature(header: header) else {
            throw refusal(.malformed)
        }
        return signature
    }

    /// Why a signature was refused.
    enum Problem {
        case missing, malformed, stale(ageSeconds: Int64), mismatch, replayed
    }

    static func refusal(_ problem: Problem) -> APIError {
        let format = "'\(headerName): t=UNIX_SECONDS,v1=HEX(HMAC-SHA256(signing secret, t + \".\" + body))'"
        switch problem {
        case .missing:
            return signatureError(.unauthorized, "signature_required", "this key signs its requests: send \(format), with the signing secret printed when the key was created (README, 'Signed ingest')")
        case .malformed:
            return signatureError(.unauthorized, "signature_malformed", "send one \(headerName) header written \(format): t in whole seconds, v1 as 64 hexadecimal digits")
        case .stale(let age):
            let when = age >= 0 ? "\(age) seconds ago" : "\(-age) seconds ahead of this server's clock"
            return signatureError(.unauthorized, "signature_expired", "\(headerName) was made \(when); it holds for \(windowSeconds) seconds either way: sign each request as you send it, with t the current Unix time, and keep the clock in time (NTP)")
        case .mismatch:
            return signatureError(.unauthorized, "signature_mismatch", "\(headerName) does not match this body: sign the exact bytes sent, as t + \".\" + body, with this key's signing secret (the whole 'loasig_…' text as the HMAC key)")
        case .replayed:
            return signatureError(.forbidden, "signature_replayed", "this \(headerName) was already used; sign every request, retries included, afresh with the current time")
        }
    }

    private static func signatureError(_ status: HTTPResponse.Status, _ code: String, _ message: String) -> APIError {
        APIError(status, code: code, message: message, field: headerName)
    }
}
