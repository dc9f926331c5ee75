import Foundation
import Hummingbird
import NIOCore

/// Reading request bodies within a size limit.
enum RequestBody {
    /// The whole body, or `413` when it is larger than `maxBytes`.
    static func collect(_ request: Request, maxBytes: Int) async throws -> Data {
        let tooLarge = APIError(
            .contentTooLarge, code: "body_too_large",
            message: "the body is larger than \(maxBytes) bytes; send fewer events per request (at most 1000)")
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBytes {
            throw tooLarge
        }
        do {
            let buffer = try await request.body.collect(upTo: maxBytes)
            return Data(buffer.readableBytesView)
        } catch is NIOTooManyBytesError {
            throw tooLarge
        }
    }

    /// The `eventId` of a raw event, if it has a readable one.
    static func eventId(of value: JSONValue) -> String? {
        guard case .object(let fields) = value else { return nil }
        switch fields["eventId"] {
        case .string(let id)?: return id
        case .number(let number)?: return Int(exactly: number).map(String.init)
        default: return nil
        }
    }
}
