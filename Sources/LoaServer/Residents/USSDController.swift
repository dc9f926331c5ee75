import Foundation
import HTTPTypes
import Hummingbird
import LoaConfig
import LoaCore
import LoaWorker
import NIOCore

/// `POST /v1/ussd`: the USSD menu, in the convention aggregators in the region use. The
/// aggregator posts a form (`sessionId`, `serviceCode`, `phoneNumber`, `text` = every answer so
/// far joined by `*`, optionally `networkCode`) and shows the `text/plain` answer: `CON …` waits
/// for the next answer, `END …` closes the session.
///
/// Authenticated per aggregator (``GatewayConfiguration/USSDAggregator``), not by API key:
/// `403 bad_ussd_key` otherwise; `404` when no aggregator is configured; `422` naming the form
/// field for a missing field or an unreadable phone number.
struct USSDController: Sendable {
    let aggregators: [GatewayConfiguration.USSDAggregator]
    let responder: USSDResponder
    let allowForeignNumbers: Bool

    /// A USSD request is a few short fields.
    static let maxBodyBytes = 4096

    /// The form an aggregator posts.
    struct Form: Decodable {
        var sessionId: String?
        var serviceCode: String?
        var phoneNumber: String?
        var text: String?
    }

    func addRoutes(to router: Router<LoaRequestContext>) {
        router.post("/v1/ussd") { request, context in
            try await answer(request, context: context)
        }
    }

    func answer(_ request: Request, context: LoaRequestContext) async throws -> Response {
        guard !aggregators.isEmpty else {
            throw APIError.notFound("USSD is not configured: set ussd.aggregators.<name>.secret or .allowFrom in config/loa.yaml")
        }
        let key = request.headers[HTTPField.Name("X-USSD-Key")!]
        guard aggregators.contains(where: { $0.admits(key: key, address: context.clientAddress) }) else {
            throw APIError(.forbidden, code: "bad_ussd_key", message: "not a configured USSD aggregator: send its secret in X-USSD-Key from an allowed address", field: "X-USSD-Key")
        }
        let form = try await USSDController.form(request)
        for (name, value) in [("sessionId", form.sessionId), ("serviceCode", form.serviceCode), ("phoneNumber", form.phoneNumber)]
        where value?.isEmpty ?? true {
            throw APIError.invalid(name, "the USSD form needs \(name) (form-encoded: sessionId, serviceCode, phoneNumber, text)", code: "missing_field")
        }
        let phone: PhoneNumber
        do {
            phone = try PhoneNumber(parsing: form.phoneNumber ?? "", allowForeign: allowForeignNumbers)
        } catch {
            throw APIError.invalid("phoneNumber", error.message)
        }
        let screen = try await StoreAvailability.guarding {
            try await responder.respond(phone: phone, path: form.text ?? "")
        }
        return Response(
            status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: screen.body)))
    }

    private static func form(_ request: Request) async throws -> Form {
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: maxBodyBytes)
        } catch is NIOTooManyBytesError {
            throw APIError(.contentTooLarge, code: "body_too_large", message: "a USSD request body is at most \(maxBodyBytes) bytes")
        }
        do {
            return try URLEncodedFormDecoder().decode(Form.self, from: String(buffer: body))
        } catch {
            throw APIError(.unprocessableContent, code: "malformed_form", message: "the USSD request must be form-encoded (application/x-www-form-urlencoded) with sessionId, serviceCode, phoneNumber and text")
        }
    }
}
