import Foundation
import Synchronization

/// Ports on 127.0.0.1.
public enum LoopbackPort {
    /// Every port ``free()`` handed out in this process, and those ``reserve(_:)`` was told of.
    private static let taken = Mutex(Set<Int>())

    /// A TCP port on 127.0.0.1 that nothing listens on right now and that this process has not
    /// handed out before: tests run in parallel in one process, and a peer that restarts listens
    /// on its port again, which another test's server must not have taken meanwhile (seen in
    /// CI: FakeKannel could not listen again for a minute, "Address already in use").
    public static func free() throws -> Int {
        for _ in 0..<1000 {
            let port = try unusedNow()
            if taken.withLock({ $0.insert(port).inserted }) { return port }
        }
        throw PeerError("every free loopback port the kernel offered was handed out before")
    }

    /// Tells ``free()`` never to hand out `port`: a server of this process listens on it (one
    /// that chose port 0, say) and may listen on it again after a restart.
    public static func reserve(_ port: Int) {
        _ = taken.withLock { $0.insert(port) }
    }

    /// A port the kernel gives for port 0, closed again at once.
    private static func unusedNow() throws -> Int {
        let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketDescriptor >= 0 else { throw PeerError("socket() failed") }
        defer { close(socketDescriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketDescriptor, $0, length) == 0 && getsockname(socketDescriptor, $0, &length) == 0 }
        }
        guard bound else { throw PeerError("bind() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
