import Testing
import Vernier
import VernierPrometheus
import VernierTesting

@Suite("Scrape endpoint self-metrics")
struct ScrapeSelfMetricsTests {
    /// A handler for a pull reader whose provider has one observable gauge, slow when asked to be.
    private struct Endpoint {
        let reader = PullMetricReader()
        let provider: MeterProvider
        let handler: ScrapeHandler

        init(collectionMilliseconds: Int = 0) throws {
            provider = MeterProvider(resource: Resource(serviceName: "shop"), readers: [reader])
            try provider.meter("shop").observableGauge("shop.inventory.level", unit: "{item}", valueType: Int.self) { observer in
                usleepMilliseconds(collectionMilliseconds)
                observer.observe(42)
            }
            handler = ScrapeHandler(reader: reader)
        }

        func scrape(_ method: String = "GET", headers: [(name: String, value: String)] = []) async -> ScrapeResponse {
            await handler.handle(ScrapeRequest(method: method, path: "/metrics", headers: headers))
        }

        /// The handler's self-metrics, by their attributes besides its `otel.component.*`.
        func selfMetrics() -> MetricsSnapshot {
            reader.collect().selfMetrics(of: "prometheus_http_text_metric_exporter")
        }
    }

    @Test func everyScrapeIsCountedByFormatAndStatusWithItsDurationAndBytes() async throws {
        let endpoint = try Endpoint()
        let text = await endpoint.scrape()
        let openMetrics = await endpoint.scrape(headers: [ScrapeHandlerTests.openMetricsAccept])
        let head = await endpoint.scrape("HEAD")
        #expect([text.status, openMetrics.status, head.status] == [200, 200, 200])

        let snapshot = endpoint.selfMetrics()
        let scrapes = "otel.sdk.exporter.operation.duration"
        #expect(try snapshot.histogram(scrapes, attributes: ["http.response.status_code": 200, "vernier.exposition.format": "prometheus_text"]).count == 2)
        #expect(try snapshot.histogram(scrapes, attributes: ["http.response.status_code": 200, "vernier.exposition.format": "openmetrics_text"]).count == 1)
        #expect(try snapshot.series(scrapes).count == 2)
        let bytes = "vernier.sdk.exporter.response.body.size"
        #expect(try snapshot.histogram(bytes, attributes: ["vernier.exposition.format": "prometheus_text"]).sum == Double(text.body.count), "HEAD sends no body")
        #expect(try snapshot.histogram(bytes, attributes: ["vernier.exposition.format": "openmetrics_text"]).sum == Double(openMetrics.body.count))
        #expect(try snapshot.histogram("otel.sdk.metric_reader.collection.duration").count == 3)

        let names = try endpoint.reader.collect().series(scrapes).compactMap { $0["otel.component.name"]?.description }
        #expect(names.count == 2 && names.allSatisfy { $0.hasPrefix("prometheus_http_text_metric_exporter/") })

        let exposition = String(decoding: openMetrics.body, as: UTF8.self)
        #expect(exposition.contains("otel_sdk_exporter_operation_duration_seconds_count{"))
        #expect(exposition.contains(#"otel_component_type="prometheus_http_text_metric_exporter""#))
    }

    @Test func aScrapeThatTimesOutCountsAsATimeout() async throws {
        let endpoint = try Endpoint(collectionMilliseconds: 600)
        let response = await endpoint.scrape(headers: [("X-Prometheus-Scrape-Timeout-Seconds", "0.2")])
        #expect(response.status == 503)
        try await Task.sleep(for: .milliseconds(800))
        let snapshot = endpoint.selfMetrics()
        let timeouts: Attributes = ["http.response.status_code": 503, "vernier.exposition.format": "prometheus_text", "error.type": "timeout"]
        #expect(try snapshot.histogram("otel.sdk.exporter.operation.duration", attributes: timeouts).count == 1)
        #expect(try snapshot.histogram("otel.sdk.metric_reader.collection.duration").count == 1, "the collection still finished")
    }

    @Test func aScrapeRefusedForTooManyAtOnceIsCounted() async throws {
        let endpoint = try Endpoint()
        _ = await endpoint.scrape()
        let refused = endpoint.handler.refuseAsTooManyScrapes(ScrapeRequest(method: "GET", path: "/metrics"))
        #expect(refused.status == 503)
        #expect(refused.header("Retry-After") == "1")
        let refusals: Attributes = ["http.response.status_code": 503, "vernier.exposition.format": "prometheus_text", "error.type": "concurrency_limit"]
        #expect(try endpoint.selfMetrics().histogram("otel.sdk.exporter.operation.duration", attributes: refusals).count == 1)
    }

    @Test func aHandlerGivenOnlyACollectionKeepsNoSelfMetrics() async {
        let reader = PullMetricReader()
        let provider = MeterProvider(readers: [reader])
        let handler = ScrapeHandler { reader.collect() }
        _ = await handler.handle(ScrapeRequest(method: "GET", path: "/metrics"))
        withExtendedLifetime(provider) {
            #expect(reader.collect().metrics.isEmpty)
        }
    }
}
