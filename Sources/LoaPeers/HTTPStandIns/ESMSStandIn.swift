import AsyncHTTPClient
import Foundation
import Hummingbird
import NIOCore
import Synchronization

/// eSMS.vn's brandname (customer care) API on loopback, written from eSMS's documentation
/// (https://developers.esms.vn/en/esms-api/send-sms-api/send-otp-customer-care-message,
/// https://developers.esms.vn/en/esms-api/table-of-error-codes,
/// https://developers.esms.vn/en/esms-api/callback-url):
///
/// - `POST /MainService.svc/json/SendMultipleMessage_V4_post_json/` with a JSON body;
///   answers HTTP 200 with `CodeResult` `100` and `SMSID` when taken;
/// - `101` wrong `ApiKey`/`SecretKey`; `104` unknown `Brandname`; `108` `Phone` not a
///   Vietnamese number; `118` `SmsType` other than 2; `124` a `RequestId` seen before;
///   `99` a blocked number;
/// - the final status is sent by HTTP `GET` to `CallbackUrl`, with `SMSID`, `SendStatus`
///   (5 sent, 4 rejected, 7 waiting for the telco's report), `RequestId` and counts appended.
///
/// eSMS documents no busy or rate-limit code: "unavailable" and "throttled" are a `503` and a
/// `429` from the HTTP front, as any gateway before the API answers them.
public final class ESMSStandIn: PresetStandIn {
    /// The account's `ApiKey` and `SecretKey`, and the brandnames registered to it.
    public static let apiKey = "A1B2C3D4E5F6A7B8C9D0E1F2A3B4C5D6"
    public static let secretKey = "0F1E2D3C4B5A69788796A5B4C3D2E1F0"
    public static let brandnames: Set<String> = ["CAXANAU"]

    private let mode = Mutex<StandInMode>(.accept(receipts: []))
    private let taken = Mutex<[TakenMessage]>([])
    private let refusals = Mutex<[String]>([])
    private let requestIds = Mutex<Set<String>>([])
    private let hangs = Hangs()
    private let pending = BackgroundCallbacks()
    private let callbacks = HTTPClient(eventLoopGroupProvider: .singleton)
    private let started = Mutex<StandInServer?>(nil)

    /// Starts listening on a free loopback port.
    public static func start() async throws -> ESMSStandIn {
        let standIn = ESMSStandIn()
        let router = Router()
        router.post("/MainService.svc/json/SendMultipleMessage_V4_post_json/") { request, _ in try await standIn.send(request) }
        let server = try await StandInServer.start(router)
        standIn.started.withLock { $0 = server }
        return standIn
    }

    public var urlTemplate: String { "\(started.withLock { $0 }!.baseURL)/MainService.svc/json/SendMultipleMessage_V4_post_json/" }
    public var keys: [String: String] { ["secrets.apiKey": ESMSStandIn.apiKey, "secrets.secretKey": ESMSStandIn.secretKey] }
    public func answer(_ mode: StandInMode) { self.mode.withLock { $0 = mode } }
    public func takenMessages() -> [TakenMessage] { taken.withLock { $0 } }
    public func refusedCodes() -> [String] { refusals.withLock { $0 } }

    public func stop() async throws {
        hangs.releaseAll()
        await pending.finish()
        await started.withLock { $0 }?.stop()
        try await callbacks.shutdown()
    }

    private func send(_ request: Request) async throws -> Response {
        let body = try await request.body.collect(upTo: 1 << 20)
        guard let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any] else {
            return result("99", error: "Invalid request")
        }
        // eSMS takes every field as a string.
        let field = { (name: String) in object[name] as? String ?? "" }
        guard field("ApiKey") == ESMSStandIn.apiKey, field("SecretKey") == ESMSStandIn.secretKey else {
            return result("101", error: "Authorize Failed")
        }
        guard field("SmsType") == "2" else { return result("118", error: "Unsupported message type") }
        guard ESMSStandIn.brandnames.contains(field("Brandname")) else { return result("104", error: "Brandname does not exist") }
        let phone = field("Phone")
        guard (phone.hasPrefix("0") && phone.count == 10) || (phone.hasPrefix("84") && phone.count == 11), phone.allSatisfy(\.isNumber) else {
            return result("108", error: "Phone number is not in correct format")
        }
        guard !field("Content").isEmpty else { return result("99", error: "Content is empty") }
        let requestId = field("RequestId")
        if !requestId.isEmpty {
            guard requestIds.withLock({ $0.insert(requestId).inserted }) else { return result("124", error: "Duplicate RequestId") }
        }
        switch mode.withLock({ $0 }) {
        case .unavailable:
            return Response(status: .serviceUnavailable)
        case .throttled(let retryAfter):
            return Response(status: .tooManyRequests, headers: [.retryAfter: String(retryAfter)])
        case .hang:
            await hangs.wait()
            return Response(status: .serviceUnavailable)
        case .rejectNumber:
            return result("99", error: "The phone number is blocked in the system")
        case .accept(let statuses):
            let smsId = take(field, phone: phone)
            let callbackURL = field("CallbackUrl")
            pending.run { await self.report(statuses, smsId: smsId, requestId: requestId, phone: phone, to: callbackURL) }
            return result("100", smsId: smsId)
        case .receiptsBeforeAnswer(let statuses):
            let smsId = take(field, phone: phone)
            await report(statuses, smsId: smsId, requestId: requestId, phone: phone, to: field("CallbackUrl"))
            return result("100", smsId: smsId)
        }
    }

    private func take(_ field: (String) -> String, phone: String) -> String {
        let smsId = UUID().uuidString.lowercased()
        taken.withLock { $0.append(TakenMessage(id: smsId, to: phone, sender: field("Brandname"), text: field("Content"))) }
        return smsId
    }

    private func result(_ code: String, smsId: String? = nil, error: String? = nil) -> Response {
        if code != "100" { refusals.withLock { $0.append(code) } }
        var object: [String: Any] = ["CodeResult": code, "CountRegenerate": 0]
        if let smsId { object["SMSID"] = smsId }
        if let error { object["ErrorMessage"] = error }
        let data = try! JSONSerialization.data(withJSONObject: object)
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Calls the callback URL back with HTTP GET, the documented fields appended to its query.
    private func report(_ statuses: [String], smsId: String, requestId: String, phone: String, to url: String) async {
        guard !url.isEmpty else { return }
        for status in statuses {
            let delivered = status == "5" ? "1" : "0"
            let fields = [("SMSID", smsId), ("SendFailed", status == "4" ? "1" : "0"), ("SendStatus", status), ("SendSuccess", delivered),
                          ("TotalPrice", "650"), ("TotalReceiver", "1"), ("TotalSent", "1"), ("RequestId", requestId), ("TypeId", "2"),
                          ("telcoid", "1"), ("phonenumber", phone)]
            let request = HTTPClientRequest(url: url + (url.contains("?") ? "&" : "?") + FormFields.encode(fields))
            _ = try? await callbacks.execute(request, timeout: .seconds(60))
        }
    }
}
