import Foundation
import Testing

/// SIGTERM in the middle of a push interval: the demo, set up by `VernierService.bootstrap`, stops its API and
/// simulation, takes a last collection and delivers it to a real OTLP decoder and a real Prometheus's
/// remote-write receiver before it exits.
@Suite("Graceful shutdown of the demo flushes every pusher", .serialized)
struct DemoShutdownTests {
    @Test(.enabled(if: OTLPReceiver.python != nil, "python3 with opentelemetry-proto is not installed (make test installs it)"),
          .enabled(if: Peers.prometheus != nil, "prometheus is not installed (apt-get install prometheus, or make test)"),
          .enabled(if: Peers.demo != nil, "vernier-demo is not built (make build-demo builds it)"))
    func sigtermDeliversTheLastIntervalToOTLPAndRemoteWrite() async throws {
        let receiver = try await OTLPReceiver.start()
        defer { receiver.stop() }
        let prometheus = try await PrometheusPeer.start()
        defer { prometheus.stop() }
        let apiPort = try PeerProcess.freePort()
        // Ten-minute intervals: whatever arrives was pushed by the shutdown, not by a timer.
        let demo = try await PeerProcess.start("/usr/bin/env", arguments: [
            "VERNIER_DEMO_API_PORT=\(apiPort)", "OTEL_METRICS_EXPORTER=prometheus,otlp",
            "OTEL_EXPORTER_OTLP_ENDPOINT=\(receiver.baseURL)", "OTEL_METRIC_EXPORT_INTERVAL=600000",
            "VERNIER_REMOTE_WRITE_URL=\(prometheus.baseURL)/api/v1/write", "VERNIER_REMOTE_WRITE_INTERVAL=600",
            Peers.demo!, "--host", "127.0.0.1", "--port", String(try PeerProcess.freePort()),
        ]) {
            await LoopbackHTTP.isOK("http://127.0.0.1:\(apiPort)/products/grinder")
        }
        for _ in 1...4 {
            _ = await LoopbackHTTP.request("http://127.0.0.1:\(apiPort)/products/grinder")
        }
        #expect(try await receiver.received().allSatisfy { $0.path != "/v1/metrics" }, "an export ran before the shutdown")

        demo.stop(grace: .seconds(30))
        #expect(demo.log.contains("vernier-demo: stopped"), "demo log:\n\(demo.log.suffix(2000))")

        let route = ["http.route": "/products/{id}", "http.response.status_code": "200"]
        let metrics = try await receiver.received(within: .seconds(5)) { $0.contains { $0.path == "/v1/metrics" } }
        let pushed = metrics.last { $0.path == "/v1/metrics" }
        let duration = otlpPoint(pushed.flatMap { otlpMetric($0, "http.server.request.duration") }, "histogram", where: route)
        // The readiness probe made one request, the test four more.
        #expect(duration?["count"] as? String == "5", "OTLP request: \(String(describing: pushed?.decoded).prefix(1500))")

        let query = #"http_server_request_duration_seconds_count{http_route="/products/{id}",http_response_status_code="200"}"#
        #expect(await prometheus.instantValue(query) == 5, "prometheus log:\n\(prometheus.log.suffix(2000))")
    }
}
