import Foundation
import Testing
import Vernier

/// A request to the demo's API with a `traceparent` header is followed everywhere its trace id should go:
/// the server span at a real OTLP receiver, the latency histogram's exemplar in the OpenMetrics scrape, the
/// request's log line, and a real Prometheus's exemplar storage.
@Suite("Tracing end to end through the demo", .serialized)
struct TracingEndToEndTests {
    @Test(.enabled(if: OTLPReceiver.python != nil, "python3 with opentelemetry-proto is not installed (make test installs it)"),
          .enabled(if: Peers.prometheus != nil, "prometheus is not installed (apt-get install prometheus, or make test)"),
          .enabled(if: Peers.demo != nil, "vernier-demo is not built (make build-demo builds it)"))
    func aTraceparentReachesSpansExemplarsLogsAndPrometheus() async throws {
        let receiver = try await OTLPReceiver.start()
        defer { receiver.stop() }
        let metricsPort = try PeerProcess.freePort()
        let apiPort = try PeerProcess.freePort()
        let demo = try await PeerProcess.start("/usr/bin/env", arguments: [
            "VERNIER_DEMO_API_PORT=\(apiPort)", "OTEL_EXPORTER_OTLP_ENDPOINT=\(receiver.baseURL)", "OTEL_TRACES_EXPORTER=otlp",
            "OTEL_BSP_SCHEDULE_DELAY=200", "OTEL_TRACES_SAMPLER=parentbased_always_on",
            Peers.demo!, "--host", "127.0.0.1", "--port", String(metricsPort),
        ]) {
            await LoopbackHTTP.isOK("http://127.0.0.1:\(apiPort)/products/grinder")
        }
        defer { demo.stop() }

        let traceID = TraceID(high: .random(in: 1...UInt64.max), low: .random(in: 0...UInt64.max)).hex
        let parentSpanID = SpanID(.random(in: 1...UInt64.max)).hex
        let response = try #require(await LoopbackHTTP.request(
            "http://127.0.0.1:\(apiPort)/checkout", method: "POST",
            headers: ["traceparent": "00-\(traceID)-\(parentSpanID)-01"], body: Data("{}".utf8)))
        #expect([200, 500].contains(response.status))
        let answered = try #require(response.headers["traceparent"], "no traceparent in the response")
        #expect(answered.hasPrefix("00-\(traceID)-") && answered.hasSuffix("-01"))
        let serverSpanID = String(answered.split(separator: "-")[2])

        // The server span arrives at the OTLP receiver as a child of the caller's span.
        let requests = try await receiver.received(within: .seconds(20)) { list in
            list.contains { Self.spans(in: $0).contains { $0["trace_id"] as? String == traceID } }
        }
        let span = try #require(requests.flatMap(Self.spans).first { $0["trace_id"] as? String == traceID }, "receiver log:\n\(receiver.log)")
        #expect(span["parent_span_id"] as? String == parentSpanID)
        #expect(span["span_id"] as? String == serverSpanID)
        #expect(span["kind"] as? String == "SPAN_KIND_SERVER")
        #expect(span["name"] as? String == "POST /checkout")
        #expect(otlpAttributes(span["attributes"])["http.route"] == "/checkout")
        let resource = try #require(requests.first { $0.path == "/v1/traces" }?.decoded?.value(at: "resource_spans", 0, "resource", "attributes"))
        #expect(otlpAttributes(resource)["service.name"] == "vernier-demo-shop")

        // The latency histogram's exemplar in the OpenMetrics scrape carries the trace id.
        let scrape = try #require(await LoopbackHTTP.request(
            "http://127.0.0.1:\(metricsPort)/metrics", headers: ["Accept": "application/openmetrics-text;version=1.0.0"]))
        let exemplarLines = scrape.text.split(separator: "\n").filter {
            $0.hasPrefix("http_server_request_duration_seconds_bucket{") && $0.contains("http_route=\"/checkout\"") && $0.contains("trace_id=\"\(traceID)\"")
        }
        #expect(!exemplarLines.isEmpty, "no exemplar with the trace id in:\n\(scrape.text.prefix(4000))")
        #expect(exemplarLines.allSatisfy { $0.contains("span_id=\"\(serverSpanID)\"") })

        // The request's log line carries the trace id.
        #expect(demo.log.split(separator: "\n").contains { $0.contains("checkout") && $0.contains("trace_id=\(traceID)") },
                "demo log:\n\(demo.log.suffix(2000))")

        // A real Prometheus scraping the demo stores the exemplar.
        let prometheus = try await PrometheusPeer.start(scraping: ["127.0.0.1:\(metricsPort)"])
        defer { prometheus.stop() }
        let stored = await prometheus.eventually {
            let ids = await prometheus.exemplarTraceIDs("http_server_request_duration_seconds_bucket{http_route=\"/checkout\"}")
            return ids.contains(traceID) ? ids : nil
        }
        #expect(stored != nil, "Prometheus returned no exemplar with the trace id:\n\(prometheus.log.suffix(2000))")
    }

    /// Every span of a `/v1/traces` request, as the receiver decoded it.
    static func spans(in request: OTLPReceiver.Received) -> [[String: Any]] {
        guard request.path == "/v1/traces" || request.path.hasSuffix("TraceService/Export"), let resources = request.decoded?["resource_spans"] as? [[String: Any]] else { return [] }
        return resources.flatMap { ($0["scope_spans"] as? [[String: Any]] ?? []).flatMap { $0["spans"] as? [[String: Any]] ?? [] } }
    }
}
