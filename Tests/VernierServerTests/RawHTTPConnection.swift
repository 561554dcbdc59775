#if canImport(Glibc)
import Glibc
#endif
import Dispatch

/// A bare TCP connection to the server under test, so a test controls exactly what is sent and when:
/// several requests on one connection, oversized headers, silence. Blocking calls run off the Swift
/// concurrency pool, which the server also needs.
final class RawHTTPConnection: @unchecked Sendable {
    /// One parsed response.
    struct Response {
        let status: Int
        let headers: [String: String]
        let body: String
    }

    private let descriptor: Int32
    private var buffered: [UInt8] = []

    /// Connects to 127.0.0.1:`port`; reads give up after `timeoutSeconds`.
    init(port: Int, timeoutSeconds: Int = 20) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(descriptor)
            throw ConnectionError.refused
        }
    }

    deinit {
        close(descriptor)
    }

    enum ConnectionError: Error {
        case refused
        case closed
        case malformed
    }

    /// Sends raw bytes.
    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Sends a request with the given method, path and extra header lines.
    func sendRequest(_ method: String, _ path: String, headers: [String] = []) {
        send("\(method) \(path) HTTP/1.1\r\nHost: localhost\r\n" + headers.map { $0 + "\r\n" }.joined() + "\r\n")
    }

    /// Reads one response; `hasBody` is false for answers to HEAD.
    func readResponse(hasBody: Bool = true) async throws -> Response {
        try await offPool { try self.readResponseBlocking(hasBody: hasBody) }
    }

    /// Whether the server closed the connection within the read timeout: a read returns end of file, or a reset
    /// when the client had sent more after the close.
    func isClosedByServer() async -> Bool {
        await offPool {
            var byte: UInt8 = 0
            let received = recv(self.descriptor, &byte, 1, 0)
            return received == 0 || (received < 0 && errno == ECONNRESET)
        }
    }

    private func readResponseBlocking(hasBody: Bool) throws -> Response {
        while true {
            if let end = headerEnd() {
                let head = String(decoding: buffered[..<end], as: UTF8.self)
                var lines = head.split(separator: "\r\n").map(String.init)
                guard !lines.isEmpty else { throw ConnectionError.malformed }
                let statusLine = lines.removeFirst().split(separator: " ")
                guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw ConnectionError.malformed }
                var headers: [String: String] = [:]
                for line in lines {
                    guard let colon = line.firstIndex(of: ":") else { continue }
                    headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingPrefix(" ").description
                }
                let length = hasBody ? Int(headers["content-length"] ?? "0") ?? 0 : 0
                while buffered.count < end + 4 + length { try fill() }
                let body = String(decoding: buffered[(end + 4)..<(end + 4 + length)], as: UTF8.self)
                buffered.removeFirst(end + 4 + length)
                return Response(status: status, headers: headers, body: body)
            }
            try fill()
        }
    }

    private func headerEnd() -> Int? {
        guard buffered.count >= 4 else { return nil }
        for index in 0...(buffered.count - 4) where buffered[index] == 13 && buffered[index + 1] == 10 && buffered[index + 2] == 13 && buffered[index + 3] == 10 {
            return index
        }
        return nil
    }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = recv(descriptor, &chunk, chunk.count, 0)
        guard count > 0 else { throw ConnectionError.closed }
        buffered += chunk[0..<count]
    }

    private func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }

    private func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }
}
