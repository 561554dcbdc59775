import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A long-running peer (Prometheus, a Python receiver) started for a test: bound to 127.0.0.1, polled until
/// ready, and stopped by its pid. Its standard output and error go to `logFile`, quoted in failures.
final class PeerProcess: @unchecked Sendable {
    /// Why a peer could not be started.
    struct StartFailure: Error, CustomStringConvertible {
        let description: String
    }

    /// The process id.
    let pid: Int32
    /// Where the peer's standard output and error are written.
    let logFile: URL
    private let process: Process

    private init(process: Process, logFile: URL) {
        self.process = process
        self.pid = process.processIdentifier
        self.logFile = logFile
    }

    /// Starts `executable` with `arguments` and waits until `isReady` answers true, for at most `timeout`.
    ///
    /// Fails, with the peer's log, when the process exits early or never becomes ready; it is stopped then.
    static func start(
        _ executable: String,
        arguments: [String],
        workingDirectory: URL? = nil,
        timeout: Duration = .seconds(20),
        isReady: @Sendable () async -> Bool
    ) async throws -> PeerProcess {
        let logFile = FileManager.default.temporaryDirectory.appendingPathComponent("peer-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let log = try FileHandle(forWritingTo: logFile)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let workingDirectory { process.currentDirectoryURL = workingDirectory }
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let peer = PeerProcess(process: process, logFile: logFile)
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard process.isRunning else {
                throw StartFailure(description: "\(executable) exited with status \(process.terminationStatus) before it was ready:\n\(peer.log)")
            }
            if await isReady() { return peer }
            try await Task.sleep(for: .milliseconds(100))
        }
        peer.stop()
        throw StartFailure(description: "\(executable) was not ready within \(timeout):\n\(peer.log)")
    }

    /// Whether the process has not exited yet.
    var isRunning: Bool { process.isRunning }

    /// The peer's output so far.
    var log: String {
        (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
    }

    /// Sends SIGTERM, waits up to `grace` for the exit, then SIGKILL.
    func stop(grace: Duration = .seconds(5)) {
        guard process.isRunning else { return }
        kill(pid, SIGTERM)
        let deadline = ContinuousClock.now + grace
        while process.isRunning, ContinuousClock.now < deadline {
            usleep(20_000)
        }
        if process.isRunning {
            kill(pid, SIGKILL)
            process.waitUntilExit()
        }
    }

    deinit {
        stop()
    }

    /// A TCP port on 127.0.0.1 that was free a moment ago: bound to port 0, read back and released.
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw StartFailure(description: "socket() failed: errno \(errno)") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(descriptor, socketAddress, length) == 0 && getsockname(descriptor, socketAddress, &length) == 0
            }
        }
        guard bound else { throw StartFailure(description: "could not bind a port on 127.0.0.1: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
