import Foundation
import LoaPeers
import LoaTestSupport
import Testing

/// The Kannel adapter against real Kannel: bearerbox, smsbox and fakesmsc as the SMSC, with
/// delivery reports coming back to Loa's receipt endpoint over the signed `dlr-url`.
@Suite("Kannel provider against real Kannel", .serialized,
       .enabled(if: Peers.kannelEnabled, "Kannel is not installed (apt-get install kannel kannel-extras, or run scripts/test); skipping the real-Kannel tests"))
struct KannelTests {
    @Test("Vietnamese (UCS-2) and Mông (GSM-7) messages reach fakesmsc intact and come back delivered")
    func sendThroughKannel() async throws {
        let kannelFolder = FileManager.default.temporaryDirectory.appendingPathComponent("loa-kannel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: kannelFolder, withIntermediateDirectories: true)
        try await Peers.kannel(["start", kannelFolder.path])
        defer {
            try? KannelScript.run(["stop", kannelFolder.path], repositoryRoot: LoaBinary.repositoryRoot)
            try? FileManager.default.removeItem(at: kannelFolder)
        }

        let port = try Peers.freePort()
        let config = kannelFolder.appendingPathComponent("loa.yaml")
        let base = try String(contentsOf: LoaBinary.repositoryRoot.appendingPathComponent("config/loa.yaml"), encoding: .utf8)
        let withKannel = base
            .replacingOccurrences(of: "  provider: sandbox ", with: "  provider: kannel  ")
            + """

              kannel:
                type: kannel
                url: http://127.0.0.1:13013/cgi-bin/sendsms
                username: loa
                password: loa-secret
                sender: Loa
                receiptSecret: kannel-test-receipt-secret-of-32-bytes-or-more
                receiptURL: http://127.0.0.1:\(port)

            """
        try withKannel.write(to: config, atomically: true, encoding: .utf8)
        let loa = try LoaBinary(environment: ["LOA_DISPATCH_POLL": "50ms"], configPath: config.path)
        let ingest = try await loa.createKey(role: "ingest")
        let operatorKey = try await loa.createKey(role: "operator")
        try await loa.start(port: port)

        let events: [[String: Any]] = [
            Events.make("kannel-vi", dossier: "KANNEL-VI", locale: "vi", status: 9, phone: "0912 345 678"),
            Events.make("kannel-hmn", dossier: "KANNEL-HMN", locale: "hmn", status: 9, phone: "0987 654 321"),
        ]
        let reply = try await HTTPJSON.send(.POST, "\(loa.baseURL)/v1/dossier-events", key: ingest, json: ["events": events])
        #expect(reply.status == 202)
        let ids = (reply.json["results"] as? [[String: Any]] ?? []).compactMap { ($0["messageIds"] as? [String])?.first }
        #expect(ids.count == 2)

        var texts: [String] = []
        for id in ids {
            let message = try await waitForState("delivered", id: id, loa: loa, key: operatorKey)
            #expect(message["provider"] as? String == "kannel")
            texts.append(message["text"] as? String ?? "")
        }
        #expect(texts.first?.contains("Giàng A Vảng") == true)

        let received = try FakeSMSCLog.messages(at: kannelFolder.appendingPathComponent("fakesmsc.log"))
        let joinedVietnamese = received.filter { $0.to.hasSuffix("912345678") }.map(\.text).joined()
        let joinedMong = received.filter { $0.to.hasSuffix("987654321") }.map(\.text).joined()
        #expect(joinedVietnamese == texts[0], "fakesmsc got: \(received)")
        #expect(joinedMong == texts[1], "fakesmsc got: \(received)")
    }
}

/// Reads what Kannel's fake SMSC logged as received: `Got message N: <from to kind payload>`,
/// with UCS-2 payloads percent-encoded UTF-16BE and concatenated parts behind a `udh` header.
enum FakeSMSCLog {
    struct Received: CustomStringConvertible {
        let to: String
        let text: String
        /// Which part of a concatenated message this is (from its UDH), nil for a whole one.
        var concatenation: (reference: Int, total: Int, sequence: Int)? = nil
        var description: String { "\(to): \(text)" }
    }

    static func messages(at url: URL) throws -> [Received] {
        messages(in: try String(contentsOf: url, encoding: .utf8))
    }

    /// The messages of a fakesmsc log's text.
    static func messages(in log: String) -> [Received] {
        log.split(separator: "\n").compactMap { line in
            guard let start = line.range(of: "Got message "), let open = line[start.upperBound...].firstIndex(of: "<"),
                  line.hasSuffix(">") else { return nil }
            let fields = line[line.index(after: open)..<line.index(before: line.endIndex)].split(separator: " ", maxSplits: 3)
            guard fields.count == 4 else { return nil }
            let to = String(fields[1])
            var kind = String(fields[2])
            var payload = String(fields[3])
            if kind == "udh" {
                // `udh <header> <kind> <data>`
                let rest = payload.split(separator: " ", maxSplits: 2)
                guard rest.count == 3 else { return nil }
                // 05 00 03 reference total sequence
                let header = percentDecodedBytes(String(rest[0]))
                let concatenation: (reference: Int, total: Int, sequence: Int)? =
                    header.count >= 6 && header[1] == 0 ? (Int(header[3]), Int(header[4]), Int(header[5])) : nil
                kind = String(rest[1])
                payload = String(rest[2])
                if kind == "data" {
                    let bytes = percentDecodedBytes(payload)
                    let text = String(decoding: bytes, as: UTF8.self)
                    let looksUTF16 = bytes.count % 2 == 0 && bytes.enumerated().contains { $0.offset % 2 == 0 && $0.element == 0 }
                    return Received(to: to, text: looksUTF16 ? utf16BigEndian(bytes) : text, concatenation: concatenation)
                }
                return Received(to: to, text: decoded(kind: kind, payload), concatenation: concatenation)
            }
            return Received(to: to, text: decoded(kind: kind, payload))
        }
    }

    /// A payload of `kind` (`text`, `ucs-2`, else UTF-8 bytes), percent-decoded.
    static func decoded(kind: String, _ payload: String) -> String {
        switch kind {
        case "text": payload
        case "ucs-2": utf16BigEndian(percentDecodedBytes(payload))
        default: String(decoding: percentDecodedBytes(payload), as: UTF8.self)
        }
    }

    static func percentDecodedBytes(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2, let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else {
                bytes.append(byte)
            }
        }
        return bytes
    }

    static func utf16BigEndian(_ bytes: [UInt8]) -> String {
        let units = stride(from: 0, to: bytes.count - 1, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
        return String(decoding: units, as: UTF16.self)
    }
}
