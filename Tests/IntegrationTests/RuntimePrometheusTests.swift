import Foundation
import Testing
import Vernier
import VernierPrometheus
import VernierRuntime
import VernierServer

/// The runtime sampler's metrics served by a `MetricsServer`, scraped by a real Prometheus and queried back
/// through its HTTP API, under both namings.
@Suite("Runtime metrics scraped by a real Prometheus")
struct RuntimePrometheusTests {
    /// A provider with a sampler, served on a free port of 127.0.0.1.
    private struct SampledService {
        let server: MetricsServer
        let sampler: RuntimeSampler
        let port: Int

        init(naming: RuntimeMetricNaming) async throws {
            let reader = PullMetricReader()
            let provider = MeterProvider(resource: Resource(serviceName: "runtime-demo"), readers: [reader])
            sampler = RuntimeSampler(
                meterProvider: provider, interval: .milliseconds(500), naming: naming,
                lagProbes: [.nioSingleton, .globalConcurrencyExecutor])
            server = MetricsServer(host: "127.0.0.1", port: 0, reader: reader)
            port = try await server.start()
        }
    }

    /// Each query must return at least one series: OpenTelemetry names on one target, the Go client's on the other.
    private static let queries = [
        #"process_cpu_time_seconds_total{job="otel",cpu_mode="user"}"#,
        #"process_cpu_time_seconds_total{job="otel",cpu_mode="system"}"#,
        #"process_memory_usage_bytes{job="otel"}"#,
        #"process_memory_virtual_bytes{job="otel"}"#,
        #"process_open_file_descriptors{job="otel"}"#,
        #"vernier_runtime_file_descriptor_limit{job="otel"}"#,
        #"process_threads{job="otel"}"#,
        #"vernier_runtime_start_time_seconds{job="otel"}"#,
        #"process_uptime_seconds{job="otel"}"#,
        #"process_context_switches_total{job="otel",process_context_switch_type="voluntary"}"#,
        #"process_paging_faults_total{job="otel",process_paging_fault_type="minor"}"#,
        #"vernier_runtime_heap_in_use_bytes{job="otel"}"#,
        #"vernier_runtime_heap_held_bytes{job="otel"}"#,
        #"vernier_runtime_event_loop_lag_seconds_bucket{job="otel",event_loop_name="nio-0"}"#,
        #"vernier_runtime_event_loop_lag_seconds_count{job="otel",event_loop_name="swift-global-executor"}"#,
        #"vernier_runtime_event_loop_lag_min_seconds{job="otel",event_loop_name="nio-0"}"#,
        #"vernier_runtime_event_loop_lag_max_seconds{job="otel",event_loop_name="nio-0"}"#,
        #"vernier_runtime_event_loop_lag_mean_seconds{job="otel",event_loop_name="nio-0"}"#,
        #"vernier_runtime_event_loop_lag_p50_seconds{job="otel",event_loop_name="swift-global-executor"}"#,
        #"vernier_runtime_event_loop_lag_p90_seconds{job="otel",event_loop_name="swift-global-executor"}"#,
        #"vernier_runtime_event_loop_lag_p99_seconds{job="otel",event_loop_name="swift-global-executor"}"#,
        #"process_cpu_seconds_total{job="go-names"}"#,
        #"process_resident_memory_bytes{job="go-names"}"#,
        #"process_virtual_memory_bytes{job="go-names"}"#,
        #"process_open_fds{job="go-names"}"#,
        #"process_max_fds{job="go-names"}"#,
        #"process_start_time_seconds{job="go-names"}"#,
        #"vernier_runtime_process_threads{job="go-names"}"#,
    ]

    @Test(.enabled(if: Peers.prometheus != nil, "prometheus is not installed (apt-get install prometheus, or make test)"))
    func everyRuntimeMetricCanBeQueried() async throws {
        let otel = try await SampledService(naming: .openTelemetry)
        let goNames = try await SampledService(naming: .prometheusProcessCollector)
        let samplers = Task {
            try await withThrowingDiscardingTaskGroup { group in
                group.addTask { try await otel.sampler.run() }
                group.addTask { try await goNames.sampler.run() }
            }
        }
        defer { samplers.cancel() }

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("runtime-prometheus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = """
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: otel
                static_configs: [{targets: ["127.0.0.1:\(otel.port)"]}]
              - job_name: go-names
                static_configs: [{targets: ["127.0.0.1:\(goNames.port)"]}]
            """
        try configuration.write(to: directory.appendingPathComponent("prometheus.yml"), atomically: true, encoding: .utf8)
        let prometheusPort = try PeerProcess.freePort()
        let api = "http://127.0.0.1:\(prometheusPort)"
        let prometheus = try await PeerProcess.start(
            Peers.prometheus!,
            arguments: [
                "--config.file=\(directory.appendingPathComponent("prometheus.yml").path)",
                "--storage.tsdb.path=\(directory.appendingPathComponent("data").path)",
                "--web.listen-address=127.0.0.1:\(prometheusPort)",
            ],
            isReady: { await LoopbackHTTP.isOK("\(api)/-/ready") })
        defer { prometheus.stop() }

        var missing = Self.queries
        let deadline = ContinuousClock.now + .seconds(30)
        while !missing.isEmpty, ContinuousClock.now < deadline {
            try await Task.sleep(for: .seconds(1))
            var stillMissing: [String] = []
            for query in missing where await !Self.hasSeries(api: api, query: query) {
                stillMissing.append(query)
            }
            missing = stillMissing
        }
        #expect(missing.isEmpty, "Prometheus has no series for: \(missing)\n\(prometheus.log)")
        await otel.server.shutdown()
        await goNames.server.shutdown()
    }

    /// Whether an instant query answers with at least one series.
    private static func hasSeries(api: String, query: String) async -> Bool {
        var components = URLComponents(string: "\(api)/api/v1/query")!
        components.queryItems = [URLQueryItem(name: "query", value: query)]
        guard let response = await LoopbackHTTP.request(components.url!.absoluteString), response.status == 200,
              let json = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any],
              let data = json["data"] as? [String: Any], let result = data["result"] as? [Any]
        else { return false }
        return !result.isEmpty
    }
}
