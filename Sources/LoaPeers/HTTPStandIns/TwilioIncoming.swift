import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

extension TwilioStandIn {
    /// What Loa answered an incoming-message webhook.
    public struct WebhookAnswer: Sendable {
        public var status: Int
        public var contentType: String?
        public var body: String
    }

    /// Hands over a message a resident sent to the Twilio number, as Twilio's incoming-message
    /// webhook does (https://www.twilio.com/docs/messaging/guides/webhook-request): a form
    /// `POST` with `MessageSid`, `SmsSid`, `AccountSid`, `From`, `To`, `Body`, `NumSegments`,
    /// `NumMedia` and the geographic fields, signed in `X-Twilio-Signature` over `signedURL`
    /// (the webhook URL configured in the console, which a proxy may put in front of the address
    /// the request reaches, `deliverTo`). A `signature` given replaces the real one (a forgery).
    public static func sendIncoming(
        messageSid: String, from: String, to: String, body: String, deliverTo: String, signedURL: String, signature: String? = nil
    ) async throws -> WebhookAnswer {
        let fields = [
            ("ToCountry", "VN"), ("ToState", ""), ("SmsMessageSid", messageSid), ("NumMedia", "0"), ("ToCity", ""),
            ("FromZip", ""), ("SmsSid", messageSid), ("FromState", ""), ("SmsStatus", "received"), ("FromCity", ""),
            ("Body", body), ("FromCountry", "VN"), ("To", to), ("ToZip", ""), ("NumSegments", "1"), ("MessageSid", messageSid),
            ("AccountSid", accountSid), ("From", from), ("ApiVersion", "2010-04-01"),
        ]
        var request = HTTPClientRequest(url: deliverTo)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "X-Twilio-Signature", value: signature ?? self.signature(url: signedURL, fields: fields))
        request.body = .bytes(ByteBuffer(string: FormFields.encode(fields)))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let answer = try await response.body.collect(upTo: 1 << 20)
        return WebhookAnswer(status: Int(response.status.code), contentType: response.headers.first(name: "Content-Type"), body: String(buffer: answer))
    }
}
