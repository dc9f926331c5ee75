import Foundation
import Hummingbird
import NIOCore
import Synchronization

/// SpeedSMS.vn's send API on loopback, written from SpeedSMS's documentation
/// (https://speedsms.vn/sms-api/, https://en.speedsms.vn/sms-api-service-2):
///
/// - `POST /index.php/sms/send`, HTTP basic auth with the access token as the username;
/// - JSON `to` (a list of numbers), `content`, `sms_type` (3: brandname), `sender`;
/// - `{"status": "success", "code": "00", "data": {"tranId": …, "totalSMS": …, "totalPrice": …,
///   "invalidPhone": []}}`, or `{"status": "error", "code": …, "message": …}` with the documented
///   codes: 101 invalid or missing parameters, 105 invalid phone number, 113 content too long,
///   500 internal error (try again);
/// - more than the rate limit: `429` `{"name": "Too Many Requests", …}` with `X-Rate-Limit-Reset`.
///
/// SpeedSMS sends delivery reports to an account-wide webhook whose format the stand-in does not
/// know, so it sends none; `receipts` in its modes are ignored.
public final class SpeedSMSStandIn: PresetStandIn {
    /// The account's access token (HTTP basic auth username).
    public static let accessToken = "L5CSaUvyf9gW38qz7HPnCZLUjASwftJx"

    private let mode = Mutex<StandInMode>(.accept(receipts: []))
    private let taken = Mutex<[TakenMessage]>([])
    private let refusals = Mutex<[String]>([])
    private let nextId = Mutex(100_000)
    private let hangs = Hangs()
    private let started = Mutex<StandInServer?>(nil)

    /// Starts listening on a free loopback port.
    public static func start() async throws -> SpeedSMSStandIn {
        let standIn = SpeedSMSStandIn()
        let router = Router()
        router.post("/index.php/sms/send") { request, _ in try await standIn.send(request) }
        let server = try await StandInServer.start(router)
        standIn.started.withLock { $0 = server }
        return standIn
    }

    public var urlTemplate: String { "\(started.withLock { $0 }!.baseURL)/index.php/sms/send" }
    public var keys: [String: String] { ["secrets.accessToken": SpeedSMSStandIn.accessToken] }
    public func answer(_ mode: StandInMode) { self.mode.withLock { $0 = mode } }
    public func takenMessages() -> [TakenMessage] { taken.withLock { $0 } }
    public func refusedCodes() -> [String] { refusals.withLock { $0 } }

    public func stop() async throws {
        hangs.releaseAll()
        await started.withLock { $0 }?.stop()
    }

    private func send(_ request: Request) async throws -> Response {
        let expected = "Basic " + Data("\(SpeedSMSStandIn.accessToken):x".utf8).base64EncodedString()
        guard request.headers[.authorization] == expected else {
            return json(#"{"name":"Unauthorized","message":"Your request was made with invalid credentials.","code":0,"status":401}"#, status: .unauthorized)
        }
        let body = try await request.body.collect(upTo: 1 << 20)
        guard let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any],
              let to = object["to"] as? [String], let content = object["content"] as? String, !content.isEmpty,
              let type = object["sms_type"] as? Int, let sender = object["sender"] as? String else {
            return error("101", "Invalid or missing parameters")
        }
        guard type == 3, !sender.isEmpty else { return error("101", "Invalid or missing parameters") }
        guard to.count == 1, let phone = to.first, phone.hasPrefix("84"), phone.count == 11, phone.allSatisfy(\.isNumber) else {
            return error("105", "Phone number invalid")
        }
        guard content.count <= 1000 else { return error("113", "Sms content too long") }
        switch mode.withLock({ $0 }) {
        case .unavailable:
            return error("500", "Internal error, please try again")
        case .rejectNumber:
            return error("105", "Phone number invalid: \(phone)")
        case .throttled(let reset):
            return json(#"{"name":"Too Many Requests","message":"Rate limit exceeded.","code":0,"status":429}"#,
                        status: .tooManyRequests, headers: [.init("X-Rate-Limit-Reset")!: String(reset)])
        case .hang:
            await hangs.wait()
            return error("500", "Internal error, please try again")
        case .accept, .receiptsBeforeAnswer:
            let tranId = nextId.withLock { id in
                defer { id += 1 }
                return id
            }
            taken.withLock { $0.append(TakenMessage(id: String(tranId), to: phone, sender: sender, text: content)) }
            return json(#"{"status":"success","code":"00","data":{"tranId":\#(tranId),"totalSMS":1,"totalPrice":250,"invalidPhone":[]}}"#)
        }
    }

    private func error(_ code: String, _ message: String) -> Response {
        refusals.withLock { $0.append(code) }
        let text = String(decoding: try! JSONSerialization.data(withJSONObject: ["status": "error", "code": code, "message": message]), as: UTF8.self)
        return json(text)
    }

    private func json(_ text: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
