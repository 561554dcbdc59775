import Foundation
import Testing

/// The scripted remote-write receiver (`Peers/remote_write_receiver.py`): answers with chosen statuses,
/// optionally slowly, and decodes every body with cramjam's snappy and its own protobuf reader,
/// independently of libsnappy and protobuf-c.
struct ScriptedRemoteWriteReceiver {
    /// `python3`, when it can import cramjam; looked up once, as starting Python takes a while here.
    static let python = Peers.python(importing: ["cramjam"])

    /// One request as the receiver saw it, in the order requests arrived.
    struct Received {
        let status: Int
        let headers: [String: String]
        let compressedSize: Int
        let series: [[String: Any]]
        let error: String?

        var sampleCount: Int { series.reduce(0) { $0 + (($1["samples"] as? [Any])?.count ?? 0) } }
    }

    private let process: PeerProcess
    /// The receiver's address, such as `http://127.0.0.1:PORT`.
    let base: String

    /// The write endpoint to configure an exporter with.
    var writeURL: String { base + "/api/v1/write" }

    /// Starts the receiver on a free port; it answers `statuses` in turn, then 204, each `delay` seconds late.
    /// A failing answer's body is `reply` when given, with `{headers}` replaced by the request's header lines.
    static func start(answering statuses: [Int] = [], delay: Double = 0, reply: String? = nil) async throws -> ScriptedRemoteWriteReceiver {
        let python = try #require(python)
        let port = try PeerProcess.freePort()
        let base = "http://127.0.0.1:\(port)"
        let process = try await PeerProcess.start(python, arguments: [
            Peers.script("remote_write_receiver.py"), String(port), statuses.map(String.init).joined(separator: ","), String(delay),
        ] + (reply.map { [$0] } ?? [])) {
            await LoopbackHTTP.isOK(base + "/requests")
        }
        return ScriptedRemoteWriteReceiver(process: process, base: base)
    }

    /// Every request received so far.
    func received() async throws -> [Received] {
        let response = try #require(await LoopbackHTTP.request(base + "/requests"))
        let entries = try #require(try JSONSerialization.jsonObject(with: response.body) as? [[String: Any]])
        return entries.map { entry in
            Received(
                status: entry["status"] as? Int ?? 0, headers: entry["headers"] as? [String: String] ?? [:],
                compressedSize: entry["compressed"] as? Int ?? 0, series: entry["series"] as? [[String: Any]] ?? [],
                error: entry["error"] as? String)
        }
    }

    /// Stops the receiver by its pid.
    func stop() {
        process.stop()
    }
}
