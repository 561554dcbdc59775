#if canImport(Glibc)
import Glibc
#endif

/// A TCP socket on 127.0.0.1 for transport tests: one that listens but never answers, or a port nobody listens on.
final class LocalSocket {
    let port: Int
    private let descriptor: Int32

    /// Binds a free port and listens; the kernel completes connections, but nothing ever reads or answers.
    init?() {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 16) == 0 else {
            _ = Glibc.close(descriptor)
            return nil
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        self.descriptor = descriptor
        self.port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// A port that refuses connections: bound once, then closed.
    static func closedPort() -> Int? {
        guard let socket = LocalSocket() else { return nil }
        let port = socket.port
        socket.close()
        return port
    }

    func close() {
        _ = Glibc.close(descriptor)
    }

    deinit {
        close()
    }
}
