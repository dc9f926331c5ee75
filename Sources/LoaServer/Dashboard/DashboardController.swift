import Foundation
import HTTPTypes
import Hummingbird
import LoaCore
import LoaStore
import LoaTemplates
import LoaWorker
import Logging

/// The operators' dashboard at `/`: server-rendered HTML for operator and admin keys, usable
/// with JavaScript off and with nothing loaded from elsewhere.
///
/// Signing in takes an API key once and sets `loa_session`: signed (HMAC-SHA256 under a secret
/// the store keeps), `HttpOnly`, `SameSite=Strict`, expiring after ``sessionLifetime``. Every
/// form posts a CSRF token bound to the session (the sign-in form to a short pass cookie), and a
/// post whose `Origin` or `Sec-Fetch-Site` names another site is refused before anything else.
/// Sign-ins, refused sign-ins, sign-outs, retries and cancels go to the audit trail.
struct DashboardController: Sendable {
    static let sessionCookie = "loa_session"
    static let passCookie = "loa_signin"
    static let languageCookie = "loa_lang"
    static let sessionLifetime: TimeInterval = 8 * 3600
    static let passLifetime: TimeInterval = 30 * 60
    /// Pages a language switch may return to.
    static let pagePaths: Set<String> = ["/", "/problems", "/search", "/texts", "/sign-in"]

    let store: any Store
    let pages: DashboardPages
    let keyring: DashboardKeyring
    let rateLimit: RateLimitMiddleware
    let quietHours: QuietHours
    /// Adds `Secure` to cookies (the gateway serves HTTPS itself).
    let secureCookies: Bool
    let maxBodyBytes: Int
    let now: @Sendable () -> Date

    func addRoutes(to router: Router<LoaRequestContext>) {
        router.get("/") { request, context in try await page(request, context) { try await pages.overview($0, now: now()) } }
        router.get("/problems") { request, context in try await page(request, context) { try await pages.problems($0, outcome: request.uri.queryParameters["outcome"].map(String.init), now: now()) } }
        router.get("/search") { request, context in try await page(request, context) { try await pages.search($0, query: request.uri.queryParameters["q"].map(String.init)) } }
        router.get("/texts") { request, context in try await page(request, context) { pages.texts($0) } }
        router.get("/sign-in") { request, _ in try await signInForm(request, error: nil, status: .ok) }
        router.post("/sign-in") { request, context in try await signIn(request, context) }
        router.post("/sign-out") { request, context in try await signOut(request, context) }
        router.post("/messages/:id/retry") { request, context in try await act(.retry, request, context) }
        router.post("/messages/:id/cancel") { request, context in try await act(.cancel, request, context) }
        router.post("/messages/:id/release/:send") { request, context in try await release(request, context) }
        router.get("/language") { request, _ in language(request) }
    }

    // MARK: Pages

    /// A page for a signed-in operator, or a redirect to the sign-in form.
    private func page(
        _ request: Request, _ context: LoaRequestContext, _ fill: (DashboardPages.Frame) async throws -> String
    ) async throws -> Response {
        let signer = try await keyring.current()
        guard let (session, key) = try await signedIn(request, signer: signer) else { return Self.redirect(to: "/sign-in") }
        let frame = DashboardPages.Frame(
            language: Self.language(of: request), path: request.uri.path, key: key, csrf: signer.csrfToken(for: session))
        return Self.html(try await fill(frame))
    }

    private func signedIn(_ request: Request, signer: DashboardSigner) async throws -> (DashboardSession, APIKey)? {
        guard let value = request.cookies[Self.sessionCookie]?.value,
              let session = signer.session(from: value, now: now()), let keyId = session.keyId else { return nil }
        guard let key = try await store.keys().first(where: { $0.id == keyId && $0.revokedAt == nil }),
              key.role.grants(.operator) else { return nil }
        return (session, key)
    }

    // MARK: Signing in and out

    private func signInForm(_ request: Request, error: String?, status: HTTPResponse.Status) async throws -> Response {
        let signer = try await keyring.current()
        if status == .ok, try await signedIn(request, signer: signer) != nil { return Self.redirect(to: "/") }
        let pass = DashboardSession.issue(keyId: nil, lifetime: Self.passLifetime, now: now())
        let frame = DashboardPages.Frame(language: Self.language(of: request), path: "/sign-in", key: nil, csrf: signer.csrfToken(for: pass))
        var response = Self.html(pages.signIn(frame, error: error), status: status)
        response.headers.append(HTTPField(name: .setCookie, value: cookie(Self.passCookie, signer.cookieValue(pass), maxAge: Int(Self.passLifetime))))
        return response
    }

    private func signIn(_ request: Request, _ context: LoaRequestContext) async throws -> Response {
        let words = Self.language(of: request).words
        guard CrossSiteCheck.isSameOrigin(request) else { return refused(request, words["crossSite"]) }
        let signer = try await keyring.current()
        let form = DashboardForm(try await RequestBody.collect(request, maxBytes: maxBodyBytes))
        guard let value = request.cookies[Self.passCookie]?.value, let pass = signer.session(from: value, now: now()),
              pass.keyId == nil, let token = form["csrf"], signer.isValidCSRFToken(token, for: pass) else {
            return try await signInForm(request, error: words["formExpired"], status: .forbidden)
        }
        try rateLimit.requireRefusedKeyBudget(context)
        let secret = (form["key"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !secret.isEmpty, let key = try await store.activeKey(secretHash: APIKeySecret.hash(secret)) else {
            try await audit(.signInFailed, actor: .unknown, context: context, outcome: "unknown key")
            try rateLimit.chargeRefusedKey(context)
            return try await signInForm(request, error: words["wrongKey"], status: .unauthorized)
        }
        guard key.role.grants(.operator) else {
            try await audit(.signInFailed, actor: AuditActor(key: key), context: context, outcome: "wrong role")
            return try await signInForm(request, error: words["officerRefused"], status: .forbidden)
        }
        try await audit(.signIn, actor: AuditActor(key: key), context: context, outcome: nil)
        context.logger.info("dashboard sign-in", metadata: ["key.id": "\(key.id)"])
        let session = DashboardSession.issue(keyId: key.id, lifetime: Self.sessionLifetime, now: now())
        var response = Self.redirect(to: "/")
        response.headers.append(HTTPField(name: .setCookie, value: cookie(Self.sessionCookie, signer.cookieValue(session), maxAge: Int(Self.sessionLifetime))))
        response.headers.append(HTTPField(name: .setCookie, value: cookie(Self.passCookie, "", maxAge: 0)))
        return response
    }

    private func signOut(_ request: Request, _ context: LoaRequestContext) async throws -> Response {
        guard let (_, key) = try await checkedPost(request) else { return refusedPost(request) }
        try await audit(.signOut, actor: AuditActor(key: key), context: context, outcome: nil)
        var response = Self.redirect(to: "/sign-in")
        response.headers.append(HTTPField(name: .setCookie, value: cookie(Self.sessionCookie, "", maxAge: 0)))
        return response
    }

    // MARK: Actions

    private func act(_ action: MessageActionsController.Action, _ request: Request, _ context: LoaRequestContext) async throws -> Response {
        guard let (_, key) = try await checkedPost(request) else { return refusedPost(request) }
        let id = try context.parameters.require("id")
        guard OpaqueID.isWellFormed(id, prefix: "msg") else { return Self.redirect(to: "/problems?outcome=notFound") }
        let outcome = try await StoreAvailability.guarding {
            switch action {
            case .retry: try await store.retry(ids: [id], at: now(), quietHours: quietHours)[id]
            case .cancel: try await store.cancel(ids: [id], reason: "cancelled by operator key \(key.id)", at: now())[id]
            }
        } ?? .notFound
        let result = MessageActionsController.ActionResult(id: id, outcome: outcome)
        try await store.recordAudit([AuditEntry(
            at: now(), action: action == .retry ? .messageRetried : .messageCancelled, actor: AuditActor(key: key),
            remoteAddress: context.clientAddress, subject: id, outcome: result.auditOutcome)])
        context.logger.info("operator action", metadata: [
            "operator.action": "\(action.rawValue)", "operator.key": "\(key.id)", "messages.count": "1", "operator.via": "dashboard",
        ])
        return Self.redirect(to: "/problems?outcome=\(result.outcome)")
    }

    /// Releases a message held for a text review with the text the path names (`unreviewed` or
    /// `vietnamese`), audited as the API's release is.
    private func release(_ request: Request, _ context: LoaRequestContext) async throws -> Response {
        guard let (_, key) = try await checkedPost(request) else { return refusedPost(request) }
        let id = try context.parameters.require("id")
        guard OpaqueID.isWellFormed(id, prefix: "msg"), let choice = HeldTextChoice(rawValue: try context.parameters.require("send")) else {
            return Self.redirect(to: "/problems?outcome=notFound")
        }
        let outcome = try await StoreAvailability.guarding {
            try await store.releaseHeld(ids: [id], sending: choice, at: now(), quietHours: quietHours)[id]
        } ?? .notFound
        let shown: String
        switch outcome {
        case .released: shown = "released"
        case .notFound: shown = "notFound"
        case .notHeld: shown = "notAllowed"
        }
        let audited: String
        switch outcome {
        case .released: audited = "released \(choice.rawValue)"
        case .notHeld(let state): audited = "notHeld \(state.rawValue)"
        case .notFound: audited = shown
        }
        try await store.recordAudit([AuditEntry(
            at: now(), action: .messageReleased, actor: AuditActor(key: key), remoteAddress: context.clientAddress, subject: id, outcome: audited)])
        context.logger.info("operator action", metadata: [
            "operator.action": "release", "operator.key": "\(key.id)", "messages.count": "1", "operator.via": "dashboard",
        ])
        return Self.redirect(to: "/problems?outcome=\(shown)")
    }

    /// The session of a post that passes the cross-site check and carries the session's CSRF
    /// token; nil otherwise.
    private func checkedPost(_ request: Request) async throws -> (DashboardSession, APIKey)? {
        guard CrossSiteCheck.isSameOrigin(request) else { return nil }
        let signer = try await keyring.current()
        guard let signedIn = try await signedIn(request, signer: signer) else { return nil }
        let form = DashboardForm(try await RequestBody.collect(request, maxBytes: maxBodyBytes))
        guard let token = form["csrf"], signer.isValidCSRFToken(token, for: signedIn.0) else { return nil }
        return signedIn
    }

    private func refusedPost(_ request: Request) -> Response {
        let words = Self.language(of: request).words
        return refused(request, CrossSiteCheck.isSameOrigin(request) ? words["formExpired"] : words["crossSite"])
    }

    private func refused(_ request: Request, _ message: String?) -> Response {
        let frame = DashboardPages.Frame(language: Self.language(of: request), path: "/sign-in", key: nil, csrf: "")
        return Self.html(pages.refused(frame, error: message ?? ""), status: .forbidden)
    }

    private func audit(_ action: AuditAction, actor: AuditActor, context: LoaRequestContext, outcome: String?) async throws {
        try await store.recordAudit([AuditEntry(at: now(), action: action, actor: actor, remoteAddress: context.clientAddress, outcome: outcome)])
    }

    // MARK: Language

    private func language(_ request: Request) -> Response {
        let chosen = request.uri.queryParameters["to"].flatMap { DashboardLanguage(rawValue: String($0)) } ?? .vietnamese
        let back = request.uri.queryParameters["back"].map(String.init).flatMap { Self.pagePaths.contains($0) ? $0 : nil } ?? "/"
        var response = Self.redirect(to: back)
        response.headers.append(HTTPField(name: .setCookie, value: cookie(Self.languageCookie, chosen.rawValue, maxAge: 365 * 86_400)))
        return response
    }

    static func language(of request: Request) -> DashboardLanguage {
        request.cookies[languageCookie].flatMap { DashboardLanguage(rawValue: $0.value) } ?? .vietnamese
    }

    // MARK: Responses

    private func cookie(_ name: String, _ value: String, maxAge: Int) -> String {
        "\(name)=\(value); Path=/; Max-Age=\(maxAge); HttpOnly; SameSite=Strict\(secureCookies ? "; Secure" : "")"
    }

    /// Headers every dashboard page carries: never cached, never framed, nothing loaded from elsewhere.
    static let pageHeaders: HTTPFields = [
        .contentType: "text/html; charset=utf-8",
        .cacheControl: "no-store",
        .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        .xContentTypeOptions: "nosniff",
        HTTPField.Name("Referrer-Policy")!: "same-origin",
    ]

    static func html(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: pageHeaders, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    static func redirect(to location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }
}
