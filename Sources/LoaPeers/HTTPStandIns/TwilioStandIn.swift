import AsyncHTTPClient
import Crypto
import Foundation
import Hummingbird
import NIOCore
import NIOHTTP1
import Synchronization

/// Twilio's Messages API on loopback, written from Twilio's documentation
/// (https://www.twilio.com/docs/messaging/api/message-resource,
/// https://www.twilio.com/docs/api/errors, https://www.twilio.com/docs/usage/webhooks/webhooks-security):
///
/// - `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`, form-encoded, HTTP basic auth with
///   the account SID and auth token, else `401` `{"code": 20003, "message": "Authenticate"}`;
/// - `To` required (`21604`), `From` required (`21603`), `Body` required (`21602`), at most 1600
///   characters (`21617`), `To` in E.164 (`21211`), all `400`;
/// - `201` with the Message resource (`sid` `SM` + 32 hex digits, `status` `queued`);
/// - status callbacks `POST`ed form-encoded to `StatusCallback` with `MessageSid`,
///   `MessageStatus`, `ErrorCode`, signed in `X-Twilio-Signature`.
public final class TwilioStandIn: PresetStandIn {
    /// The account SID and auth token it accepts.
    public static let accountSid = "AC" + String(repeating: "0a", count: 16)
    public static let authToken = String(repeating: "7f", count: 16)

    private let mode = Mutex<StandInMode>(.accept(receipts: []))
    private let taken = Mutex<[TakenMessage]>([])
    private let refusals = Mutex<[String]>([])
    private let hangs = Hangs()
    private let pending = BackgroundCallbacks()
    private let callbacks = HTTPClient(eventLoopGroupProvider: .singleton)
    private let started = Mutex<StandInServer?>(nil)
    var server: StandInServer? { started.withLock { $0 } }

    /// Starts listening on a free loopback port.
    public static func start() async throws -> TwilioStandIn {
        let standIn = TwilioStandIn()
        let router = Router()
        router.post("/2010-04-01/Accounts/:sid/Messages.json") { request, context in
            try await standIn.create(request, context: context)
        }
        let server = try await StandInServer.start(router)
        standIn.started.withLock { $0 = server }
        return standIn
    }

    public var urlTemplate: String { "\(server!.baseURL)/2010-04-01/Accounts/{{accountSid}}/Messages.json" }
    public var keys: [String: String] { ["secrets.accountSid": TwilioStandIn.accountSid, "secrets.authToken": TwilioStandIn.authToken] }
    public func answer(_ mode: StandInMode) { self.mode.withLock { $0 = mode } }
    public func takenMessages() -> [TakenMessage] { taken.withLock { $0 } }
    public func refusedCodes() -> [String] { refusals.withLock { $0 } }

    public func stop() async throws {
        hangs.releaseAll()
        await pending.finish()
        await server?.stop()
        try await callbacks.shutdown()
    }

    private func create(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let expected = "Basic " + Data("\(TwilioStandIn.accountSid):\(TwilioStandIn.authToken)".utf8).base64EncodedString()
        guard request.headers[.authorization] == expected, context.parameters.get("sid") == TwilioStandIn.accountSid else {
            return error(20003, "Authenticate", status: .unauthorized)
        }
        let body = try await request.body.collect(upTo: 1 << 20)
        let fields = FormFields.decode(String(buffer: body))
        guard let to = fields["To"], !to.isEmpty else { return error(21604, "A 'To' phone number is required.") }
        guard let from = fields["From"], !from.isEmpty else { return error(21603, "The 'From' phone number is required.") }
        guard let text = fields["Body"], !text.isEmpty else { return error(21602, "Message body is required.") }
        guard text.count <= 1600 else { return error(21617, "The concatenated message body exceeds the 1600 character limit.") }
        guard to.hasPrefix("+"), to.dropFirst().allSatisfy(\.isNumber) else { return error(21211, "Invalid 'To' Phone Number: \(to)") }
        switch mode.withLock({ $0 }) {
        case .unavailable:
            return error(20500, "An internal server error has occurred", status: .serviceUnavailable)
        case .rejectNumber:
            return error(21211, "Invalid 'To' Phone Number: \(to)")
        case .throttled(let retryAfter):
            var response = error(20429, "Too Many Requests", status: .tooManyRequests)
            response.headers[.retryAfter] = String(retryAfter)
            return response
        case .hang:
            await hangs.wait()
            return error(20500, "An internal server error has occurred", status: .serviceUnavailable)
        case .accept(let receipts):
            let sid = newSid()
            taken.withLock { $0.append(TakenMessage(id: sid, to: to, sender: from, text: text)) }
            let callback = fields["StatusCallback"]
            pending.run { await self.report(receipts, sid: sid, to: to, from: from, to: callback) }
            return created(sid: sid, to: to, from: from, body: text)
        case .receiptsBeforeAnswer(let receipts):
            let sid = newSid()
            taken.withLock { $0.append(TakenMessage(id: sid, to: to, sender: from, text: text)) }
            await report(receipts, sid: sid, to: to, from: from, to: fields["StatusCallback"])
            return created(sid: sid, to: to, from: from, body: text)
        }
    }

    private func newSid() -> String {
        "SM" + (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
    }

    private func created(sid: String, to: String, from: String, body: String) -> Response {
        let json = """
            {"account_sid":"\(TwilioStandIn.accountSid)","api_version":"2010-04-01","body":\(jsonString(body)),"direction":"outbound-api",\
            "error_code":null,"error_message":null,"from":"\(from)","num_segments":"1","sid":"\(sid)","status":"queued","to":"\(to)",\
            "uri":"/2010-04-01/Accounts/\(TwilioStandIn.accountSid)/Messages/\(sid).json"}
            """
        return Response(status: .created, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: json)))
    }

    private func error(_ code: Int, _ message: String, status: HTTPResponse.Status = .badRequest) -> Response {
        refusals.withLock { $0.append(String(code)) }
        let json = #"{"code": \#(code), "message": \#(jsonString(message)), "more_info": "https://www.twilio.com/docs/errors/\#(code)", "status": \#(status.code)}"#
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: json)))
    }

    private func jsonString(_ text: String) -> String {
        String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
    }

    /// Posts each status to the callback URL as Twilio does, signed with the auth token.
    private func report(_ statuses: [String], sid: String, to: String, from: String, to url: String?) async {
        guard let url else { return }
        for status in statuses {
            var fields = [("AccountSid", TwilioStandIn.accountSid), ("ApiVersion", "2010-04-01"), ("From", from), ("MessageSid", sid),
                          ("MessageStatus", status), ("SmsSid", sid), ("SmsStatus", status), ("To", to)]
            if status == "undelivered" || status == "failed" { fields.append(("ErrorCode", "30003")) }
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.headers.add(name: "X-Twilio-Signature", value: TwilioStandIn.signature(url: url, fields: fields))
            request.body = .bytes(ByteBuffer(string: FormFields.encode(fields)))
            _ = try? await callbacks.execute(request, timeout: .seconds(60))
        }
    }

    /// The documented scheme: the URL, then each parameter name and value sorted by name,
    /// HMAC-SHA1 with the auth token, base64.
    public static func signature(url: String, fields: [(String, String)]) -> String {
        let data = url + fields.sorted { $0.0 < $1.0 }.map { $0.0 + $0.1 }.joined()
        let mac = HMAC<Insecure.SHA1>.authenticationCode(for: Data(data.utf8), using: SymmetricKey(data: Data(authToken.utf8)))
        return Data(mac).base64EncodedString()
    }
}
