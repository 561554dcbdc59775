import Foundation

/// Debian's Prometheus on 127.0.0.1 with a free port, a fresh data directory, exemplar storage and the
/// remote-write receiver turned on (native histograms too when asked), scraping the given targets every second.
final class PrometheusPeer: Sendable {
    /// `http://127.0.0.1:PORT`.
    let baseURL: String
    private let process: PeerProcess
    private let directory: URL
    private let features: [String]

    private init(process: PeerProcess, baseURL: String, directory: URL, features: [String]) {
        self.process = process
        self.baseURL = baseURL
        self.directory = directory
        self.features = features
    }

    /// Starts Prometheus scraping `targets` (`host:port`, path `/metrics`) under job `job`; with
    /// `nativeHistograms` it stores native histograms and asks scrapes for the protobuf format first.
    /// With `honorLabels`, the scraped series keep their own `job` and `instance`, as a Pushgateway's need.
    static func start(
        scraping targets: [String] = [], job: String = "vernier", nativeHistograms: Bool = false, honorLabels: Bool = false
    ) async throws -> PrometheusPeer {
        guard let executable = Peers.prometheus else { throw PeerProcess.StartFailure(description: "prometheus is not installed") }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("prometheus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let targetList = targets.map { "'\($0)'" }.joined(separator: ", ")
        let configuration = """
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
        scrape_configs:
          - job_name: \(job)
            honor_labels: \(honorLabels)
            static_configs:
              - targets: [\(targetList)]
        """
        let configurationFile = directory.appendingPathComponent("prometheus.yml")
        try configuration.write(to: configurationFile, atomically: true, encoding: .utf8)
        let port = try PeerProcess.freePort()
        let baseURL = "http://127.0.0.1:\(port)"
        let features = ["exemplar-storage"] + (nativeHistograms ? ["native-histograms"] : [])
        let process = try await launch(executable, directory: directory, port: port, features: features)
        return PrometheusPeer(process: process, baseURL: baseURL, directory: directory, features: features)
    }

    /// Runs Prometheus with the configuration and data in `directory`, listening on `port`, with `features` on.
    private static func launch(_ executable: String, directory: URL, port: Int, features: [String]) async throws -> PeerProcess {
        let baseURL = "http://127.0.0.1:\(port)"
        return try await PeerProcess.start(executable, arguments: [
            "--config.file=\(directory.appendingPathComponent("prometheus.yml").path)",
            "--storage.tsdb.path=\(directory.appendingPathComponent("data").path)",
            "--web.listen-address=127.0.0.1:\(port)",
            "--web.enable-remote-write-receiver",
            "--enable-feature=" + features.joined(separator: ","),
        ], workingDirectory: directory) {
            await LoopbackHTTP.isOK(baseURL + "/-/ready")
        }
    }

    /// Stops the server and keeps its data, as an outage does; `restarted()` brings it back.
    func stopKeepingData() {
        process.stop()
    }

    /// A server started again on the same port and data directory, after `stopKeepingData()`.
    func restarted() async throws -> PrometheusPeer {
        guard let executable = Peers.prometheus, let port = URLComponents(string: baseURL)?.port else {
            throw PeerProcess.StartFailure(description: "prometheus is not installed")
        }
        let process = try await Self.launch(executable, directory: directory, port: port, features: features)
        return PrometheusPeer(process: process, baseURL: baseURL, directory: directory, features: features)
    }

    /// Stops the server and removes its data.
    func stop() {
        process.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Prometheus's log, for failure messages.
    var log: String { process.log }

    /// The `data` of a successful API answer to `GET path?query`, or nil.
    func api(_ path: String, _ parameters: [String: String]) async -> Any? {
        var components = URLComponents(string: baseURL + path)!
        components.queryItems = parameters.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        guard let response = await LoopbackHTTP.request(components.url!.absoluteString), response.status == 200,
              let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any],
              object["status"] as? String == "success"
        else { return nil }
        return object["data"]
    }

    /// The value of the first series an instant query returns, or nil when it returns none.
    func instantValue(_ query: String) async -> Double? {
        guard let data = await api("/api/v1/query", ["query": query]) as? [String: Any],
              let result = data["result"] as? [[String: Any]], let first = result.first,
              let value = first["value"] as? [Any], value.count == 2, let text = value[1] as? String
        else { return nil }
        return Double(text)
    }

    /// The trace ids of the exemplars stored for a selector over the last `window` seconds.
    func exemplarTraceIDs(_ selector: String, window: Double = 300) async -> [String] {
        let now = Date().timeIntervalSince1970
        guard let data = await api("/api/v1/query_exemplars", [
            "query": selector, "start": String(now - window), "end": String(now + 60),
        ]) as? [[String: Any]] else { return [] }
        return data.flatMap { series in
            (series["exemplars"] as? [[String: Any]] ?? []).compactMap { ($0["labels"] as? [String: String])?["trace_id"] }
        }
    }

    /// Polls `probe` every 250 ms until it returns a value or `timeout` passes.
    func eventually<T>(timeout: Duration = .seconds(30), _ probe: () async -> T?) async -> T? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let value = await probe() { return value }
            try? await Task.sleep(for: .milliseconds(250))
        }
        return nil
    }
}
