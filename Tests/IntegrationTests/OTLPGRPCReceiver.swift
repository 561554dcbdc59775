import Foundation

/// The Python OTLP/gRPC receiver of `Peers/otlp_grpc_receiver.py`: PyPI's grpcio serving opentelemetry-proto's
/// service stubs, scripted and asked through a plain-HTTP control port as `OTLPReceiver` is.
final class OTLPGRPCReceiver: @unchecked Sendable {
    /// `python3` with grpcio, grpcio-status and the OTLP stubs, or nil when they are not installed.
    static let python = Peers.python(importing: ["grpc", "grpc_status", "opentelemetry.proto.collector.metrics.v1.metrics_service_pb2_grpc"])

    let port: Int
    /// The TLS port, when started with TLS files.
    let tlsPort: Int?
    private let controlPort: Int
    private let peer: PeerProcess

    private init(port: Int, tlsPort: Int?, controlPort: Int, peer: PeerProcess) {
        self.port = port
        self.tlsPort = tlsPort
        self.controlPort = controlPort
        self.peer = peer
    }

    /// Starts a receiver on free ports; with `tls`, also a TLS listener. With `maximumConnectionAge`, the server
    /// closes each client connection that long after it opened.
    static func start(tls: OTLPReceiver.TLSFiles? = nil, maximumConnectionAge: Duration? = nil) async throws -> OTLPGRPCReceiver {
        guard let python else { throw PeerProcess.StartFailure(description: "python3 with grpcio and opentelemetry-proto is not installed") }
        let port = try PeerProcess.freePort(), controlPort = try PeerProcess.freePort()
        var arguments = [Peers.script("otlp_grpc_receiver.py"), "--port", String(port), "--control-port", String(controlPort)]
        if let maximumConnectionAge {
            arguments += ["--max-connection-age-ms", String(Int(maximumConnectionAge / .milliseconds(1)))]
        }
        var tlsPort: Int?
        if let tls {
            let chosen = try PeerProcess.freePort()
            tlsPort = chosen
            arguments += tls.arguments(port: chosen)
        }
        let peer = try await PeerProcess.start(python, arguments: arguments) {
            await LoopbackHTTP.isOK("http://127.0.0.1:\(controlPort)/requests")
        }
        return OTLPGRPCReceiver(port: port, tlsPort: tlsPort, controlPort: controlPort, peer: peer)
    }

    /// The endpoint, as `OTEL_EXPORTER_OTLP_ENDPOINT` takes it for gRPC.
    var endpoint: String { "http://127.0.0.1:\(port)" }
    /// The receiver's output so far.
    var log: String { peer.log }
    private var controlURL: String { "http://127.0.0.1:\(controlPort)" }

    /// Makes the next exports answer with `steps` in turn (see `otlp_grpc_receiver.py`), then with `fallback`.
    func script(_ steps: [[String: Any]], fallback: [String: Any] = ["code": "OK"]) async throws {
        let body = try JSONSerialization.data(withJSONObject: ["responses": steps, "default": fallback])
        let response = await LoopbackHTTP.request(controlURL + "/script", method: "POST", body: body)
        guard let status = response?.status, (200..<300).contains(status) else {
            throw PeerProcess.StartFailure(description: "the receiver refused the script:\n\(log)")
        }
    }

    /// Every export received so far, as `OTLPReceiver` reports its requests; `answered` is the status name given.
    func received() async throws -> [(request: OTLPReceiver.Received, answered: String)] {
        guard let response = await LoopbackHTTP.request(controlURL + "/requests"), response.status == 200,
              let list = try JSONSerialization.jsonObject(with: response.body) as? [[String: Any]]
        else { throw PeerProcess.StartFailure(description: "the receiver did not list its requests:\n\(log)") }
        return list.map { entry in
            let peer = entry["peer"] as? String ?? ""
            let request = OTLPReceiver.Received(
                path: entry["path"] as? String ?? "", receivedAt: entry["time"] as? Double ?? 0,
                clientPort: peer.split(separator: ":").last.flatMap { Int($0) } ?? 0,
                headers: entry["metadata"] as? [String: String] ?? [:], decoded: entry["message"] as? [String: Any], error: nil,
                clientCertificateName: entry["client_common_name"] as? String)
            return (request, entry["answered"] as? String ?? "")
        }
    }

    func stop() {
        peer.stop()
    }
}
