import Foundation

/// The Python OTLP/HTTP receiver of `Peers/otlp_receiver.py`, decoding with `opentelemetry-proto`: started on
/// 127.0.0.1, scripted to answer with chosen statuses, and asked what it received.
final class OTLPReceiver: @unchecked Sendable {
    /// One request as the receiver decoded it.
    struct Received {
        /// `/v1/metrics` or `/v1/traces`.
        let path: String
        /// Arrival time, seconds since the epoch.
        let receivedAt: Double
        /// The client's TCP port: the same port for two requests means one reused connection.
        let clientPort: Int
        /// Header fields, names lowercased.
        let headers: [String: String]
        /// The decoded `Export*ServiceRequest` as protobuf's JSON mapping with field names as in the
        /// `.proto` files, trace and span ids as hex; nil when decoding failed.
        let decoded: [String: Any]?
        /// Why decoding failed.
        let error: String?
        /// The common name of the client certificate, over HTTPS with client authentication.
        let clientCertificateName: String?
    }

    /// `python3` with the OTLP decoder's modules, or nil when they are not installed.
    static let python = Peers.python(importing: ["opentelemetry.proto.collector.metrics.v1.metrics_service_pb2", "google.protobuf.json_format"])

    /// The PEM files of an HTTPS listener.
    struct TLSFiles {
        /// The server certificate, valid for 127.0.0.1.
        let certificate: String
        /// The server certificate's key.
        let key: String
        /// When set, clients must present a certificate signed by this CA.
        let clientCA: String?

        /// The receivers' arguments for a TLS listener on `port` with these files.
        func arguments(port: Int) -> [String] {
            ["--tls-port", String(port), "--certfile", certificate, "--keyfile", key] + (clientCA.map { ["--client-ca", $0] } ?? [])
        }
    }

    let port: Int
    /// The HTTPS port, when started with TLS files.
    let tlsPort: Int?
    private var peer: PeerProcess?

    private init(port: Int, tlsPort: Int?, peer: PeerProcess) {
        self.port = port
        self.tlsPort = tlsPort
        self.peer = peer
    }

    /// Starts a receiver on `port`, or on a free port; with `tls`, also an HTTPS listener on another free port.
    static func start(port: Int? = nil, tls: TLSFiles? = nil) async throws -> OTLPReceiver {
        let port = try port ?? PeerProcess.freePort()
        var arguments = ["--port", String(port)]
        var tlsPort: Int?
        if let tls {
            let chosen = try PeerProcess.freePort()
            tlsPort = chosen
            arguments += tls.arguments(port: chosen)
        }
        return OTLPReceiver(port: port, tlsPort: tlsPort, peer: try await launch(port: port, arguments: arguments))
    }

    private static func launch(port: Int, arguments: [String]) async throws -> PeerProcess {
        guard let python else { throw PeerProcess.StartFailure(description: "python3 with opentelemetry-proto is not installed") }
        return try await PeerProcess.start(python, arguments: [Peers.script("otlp_receiver.py")] + arguments) {
            await LoopbackHTTP.isOK("http://127.0.0.1:\(port)/requests")
        }
    }

    /// The base URL, as `OTEL_EXPORTER_OTLP_ENDPOINT` takes it.
    var baseURL: String { "http://127.0.0.1:\(port)" }
    /// The metrics endpoint.
    var metricsURL: String { baseURL + "/v1/metrics" }
    /// The metrics endpoint over HTTPS, when started with TLS files.
    var secureMetricsURL: String? { tlsPort.map { "https://127.0.0.1:\($0)/v1/metrics" } }
    /// The receiver's output so far.
    var log: String { peer?.log ?? "" }

    /// Makes the next exports answer with `steps` in turn (see `otlp_receiver.py`), then with `fallback`.
    func script(_ steps: [[String: Any]], fallback: [String: Any] = ["status": 200]) async throws {
        let body = try JSONSerialization.data(withJSONObject: ["responses": steps, "default": fallback])
        let response = await LoopbackHTTP.request(baseURL + "/script", method: "POST", body: body)
        guard response?.status == 204 else { throw PeerProcess.StartFailure(description: "the receiver refused the script:\n\(log)") }
    }

    /// Every request received so far, in arrival order.
    func received() async throws -> [Received] {
        guard let response = await LoopbackHTTP.request(baseURL + "/requests"), response.status == 200,
              let list = try JSONSerialization.jsonObject(with: response.body) as? [[String: Any]]
        else { throw PeerProcess.StartFailure(description: "the receiver did not list its requests:\n\(log)") }
        return list.map { entry in
            Received(
                path: entry["path"] as? String ?? "",
                receivedAt: entry["received_at"] as? Double ?? 0,
                clientPort: entry["client_port"] as? Int ?? 0,
                headers: entry["headers"] as? [String: String] ?? [:],
                decoded: entry["decoded"] as? [String: Any],
                error: entry["error"] as? String,
                clientCertificateName: entry["client_certificate_cn"] as? String
            )
        }
    }

    /// Polls `received()` until `condition` holds, for at most `timeout`; returns the last list.
    func received(within timeout: Duration, until condition: ([Received]) -> Bool) async throws -> [Received] {
        let deadline = ContinuousClock.now + timeout
        var list = try await received()
        while !condition(list), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
            list = try await received()
        }
        return list
    }

    /// Stops the receiver; `restart()` starts it again on the same port, with nothing received and no TLS.
    func stop() {
        peer?.stop()
        peer = nil
    }

    /// Starts a stopped receiver again on its port.
    func restart() async throws {
        peer = try await Self.launch(port: port, arguments: ["--port", String(port)])
    }
}

/// Reading the receiver's decoded dictionaries with paths such as `["resource_metrics", 0, "resource"]`.
extension Dictionary where Key == String, Value == Any {
    /// The value at `path`, through dictionaries (string keys) and arrays (integer indexes).
    func value(at path: Any...) -> Any? {
        var current: Any? = self
        for step in path {
            if let key = step as? String {
                current = (current as? [String: Any])?[key]
            } else if let index = step as? Int, let array = current as? [Any], array.indices.contains(index) {
                current = array[index]
            } else {
                return nil
            }
        }
        return current
    }
}

/// An OTLP attribute list as a dictionary from key to the decoded `AnyValue` rendered as text.
func otlpAttributes(_ list: Any?) -> [String: String] {
    var result: [String: String] = [:]
    for entry in list as? [[String: Any]] ?? [] {
        guard let key = entry["key"] as? String, let value = entry["value"] as? [String: Any], let first = value.first else { continue }
        result[key] = "\(first.value)"
    }
    return result
}

/// Runs blocking work (a child process, file system setup) on a dispatch queue, so that it does not hold one
/// of the few threads Swift concurrency shares among all the tests running at once.
func offTheCooperativePool<Result: Sendable>(_ work: @escaping @Sendable () throws -> Result) async throws -> Result {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async {
            continuation.resume(with: Swift.Result { try work() })
        }
    }
}

/// The metric `name` in a decoded `/v1/metrics` request, as protobuf's JSON mapping.
func otlpMetric(_ request: OTLPReceiver.Received, _ name: String) -> [String: Any]? {
    let scopes = request.decoded?.value(at: "resource_metrics", 0, "scope_metrics") as? [[String: Any]] ?? []
    for scope in scopes {
        for metric in scope["metrics"] as? [[String: Any]] ?? [] where metric["name"] as? String == name {
            return metric
        }
    }
    return nil
}

/// The first data point of `metric`'s `kind` (`sum`, `gauge`, `histogram`...) whose attributes include `attributes`.
func otlpPoint(_ metric: [String: Any]?, _ kind: String, where attributes: [String: String] = [:]) -> [String: Any]? {
    let points = metric?.value(at: kind, "data_points") as? [[String: Any]] ?? []
    return points.first { point in attributes.allSatisfy { otlpAttributes(point["attributes"])[$0.key] == $0.value } }
}
