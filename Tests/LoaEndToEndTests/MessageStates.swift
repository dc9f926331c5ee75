import Foundation
import LoaTestSupport

/// Polls `GET /v1/messages/{id}` on the running `loa serve` until the message is in `state`;
/// returns it. The deadline (120 s) is a safety net for a busy machine, never the thing tested.
func waitForState(_ state: String, id: String, loa: LoaBinary, key: String) async throws -> [String: Any] {
    let deadline = Date().addingTimeInterval(120)
    var last: [String: Any] = [:]
    while Date() < deadline {
        let reply = try await HTTPJSON.send(.GET, "\(loa.baseURL)/v1/messages/\(id)", key: key)
        last = (reply.json["messages"] as? [[String: Any]])?.first ?? [:]
        if last["state"] as? String == state { return last }
        try await Task.sleep(for: .milliseconds(100))
    }
    throw HarnessError("message \(id) did not reach \(state); last seen \(last)\n\(loa.logs())")
}
