import Foundation
import Testing

/// The demo's real `/metrics`, with every exporter and the runtime sampler running, read by `promtool check
/// metrics` as a Prometheus user's CI reads it: no parse error and no lint problem.
@Suite("The demo's /metrics passes promtool")
struct DemoPromtoolTests {
    /// Families of each kind of self-metric and of the runtime sampler, so that the check covers them all.
    private static let families = [
        "otel_sdk_exporter_metric_data_point_exported_total", "otel_sdk_exporter_operation_duration_seconds",
        "otel_sdk_metric_reader_collection_duration_seconds", "otel_sdk_processor_span_processed_total",
        "vernier_sdk_exporter_sample_exported_total", "vernier_sdk_exporter_response_body_size_bytes",
        "process_threads", "process_open_file_descriptors",
    ]

    @Test(.enabled(if: Peers.promtool != nil, "promtool is not installed (apt-get install prometheus, or make test)"),
          .enabled(if: Peers.demo != nil, "vernier-demo is not built (make build-demo builds it)"))
    func promtoolFindsNoProblem() async throws {
        let apiPort = try PeerProcess.freePort()
        let metricsPort = try PeerProcess.freePort()
        let metrics = "http://127.0.0.1:\(metricsPort)/metrics"
        // Nothing listens on port 9: the pushers fail, retry and count, and all their self-metrics exist.
        let unreachable = "http://127.0.0.1:9"
        let demo = try await PeerProcess.start("/usr/bin/env", arguments: [
            "VERNIER_DEMO_API_PORT=\(apiPort)", "OTEL_METRICS_EXPORTER=prometheus,otlp", "OTEL_TRACES_EXPORTER=otlp",
            "OTEL_EXPORTER_OTLP_ENDPOINT=\(unreachable)", "OTEL_METRIC_EXPORT_INTERVAL=500",
            "VERNIER_REMOTE_WRITE_URL=\(unreachable)/api/v1/write", "VERNIER_REMOTE_WRITE_INTERVAL=1",
            Peers.demo!, "--host", "127.0.0.1", "--port", String(metricsPort),
        ]) {
            await LoopbackHTTP.isOK("http://127.0.0.1:\(apiPort)/products/grinder")
        }
        defer { demo.stop() }
        _ = await LoopbackHTTP.request("http://127.0.0.1:\(apiPort)/products/teapot")
        _ = await LoopbackHTTP.request("http://127.0.0.1:\(apiPort)/checkout", method: "POST")
        // The scrape endpoint reports from its first scrape on; the pushers report after an interval.
        _ = await LoopbackHTTP.request(metrics)
        try await Task.sleep(for: .seconds(2))

        let scrape = try #require(await LoopbackHTTP.request(metrics, headers: ["Accept": "text/plain;version=0.0.4"]))
        #expect(scrape.status == 200)
        for family in Self.families {
            #expect(scrape.text.contains("# TYPE \(family) "), "no \(family) in:\n\(scrape.text)")
        }
        let check = try await PeerCommand.runInBackground(Peers.promtool!, ["check", "metrics"], input: Array(scrape.body))
        #expect(check.status == 0, "promtool: \(check.standardOutput)\(check.standardError)\ndemo log:\n\(demo.log.suffix(2000))")
    }
}
