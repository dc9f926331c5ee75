import Foundation
import LoaHTTPClient
import Testing

@Suite("HTTP origins and their ports")
struct HTTPOriginPortTests {
    @Test("a port outside 1–65535 has no origin (Foundation reads any digits as a port)", arguments: [
        "http://127.0.0.1:99999/cgi-bin/sendsms", "http://127.0.0.1:65536/", "http://127.0.0.1:0/",
    ])
    func outOfRange(url: String) {
        #expect(URL(string: url) != nil)
        #expect(throws: HTTPClientFailure.self) { try HTTPOrigin(url) }
    }

    @Test("ports at the ends of the range are kept")
    func ends() throws {
        #expect(try HTTPOrigin("http://127.0.0.1:1/").port == 1)
        #expect(try HTTPOrigin("http://127.0.0.1:65535/").port == 65535)
    }
}
