import Testing
import Vernier
import VernierPrometheus

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

        /// The count and sum of each series of the histogram `name`, by its attributes besides the handler's
        /// `otel.component.*`, which every series must carry.
        func histogram(_ name: String) -> [Attributes: (count: UInt64, sum: Double)] {
            guard case .histogram(let histogram)? = reader.collect().metrics.first(where: { $0.name == name })?.data else { return [:] }
            var series: [Attributes: (count: UInt64, sum: Double)] = [:]
            for point in histogram.points {
                #expect(point.attributes["otel.component.type"] == "prometheus_http_text_metric_exporter")
                #expect(point.attributes["otel.component.name"]?.description.hasPrefix("prometheus_http_text_metric_exporter/") == true)
                series[point.attributes.removing(["otel.component.type", "otel.component.name"])] = (point.count, point.sum)
            }
            return series
        }
    }

    @Test func everyScrapeIsCountedByFormatAndStatusWithItsDurationAndBytes() async throws {
        let endpoint = try Endpoint()
        let text = await endpoint.scrape()
        let openMetrics = await endpoint.scrape(headers: [ScrapeHandlerTests.openMetricsAccept])
        let head = await endpoint.scrape("HEAD")
        #expect([text.status, openMetrics.status, head.status] == [200, 200, 200])

        let scrapes = endpoint.histogram("otel.sdk.exporter.operation.duration")
        #expect(scrapes[["http.response.status_code": 200, "vernier.exposition.format": "prometheus_text"]]?.count == 2)
        #expect(scrapes[["http.response.status_code": 200, "vernier.exposition.format": "openmetrics_text"]]?.count == 1)
        #expect(scrapes.count == 2)
        let bytes = endpoint.histogram("vernier.sdk.exporter.response.body.size")
        #expect(bytes[["vernier.exposition.format": "prometheus_text"]]?.sum == Double(text.body.count), "HEAD sends no body")
        #expect(bytes[["vernier.exposition.format": "openmetrics_text"]]?.sum == Double(openMetrics.body.count))
        #expect(endpoint.histogram("otel.sdk.metric_reader.collection.duration")[.empty]?.count == 3)

        let exposition = String(decoding: openMetrics.body, as: UTF8.self)
        #expect(exposition.contains("otel_sdk_exporter_operation_duration_seconds_count{"))
        #expect(exposition.contains(#"otel_component_type="prometheus_http_text_metric_exporter""#))
    }

    @Test func aScrapeThatTimesOutCountsAsATimeout() async throws {
        let endpoint = try Endpoint(collectionMilliseconds: 600)
        let response = await endpoint.scrape(headers: [("X-Prometheus-Scrape-Timeout-Seconds", "0.2")])
        #expect(response.status == 503)
        try await Task.sleep(for: .milliseconds(800))
        let scrapes = endpoint.histogram("otel.sdk.exporter.operation.duration")
        #expect(scrapes[["http.response.status_code": 503, "vernier.exposition.format": "prometheus_text", "error.type": "timeout"]]?.count == 1)
        #expect(endpoint.histogram("otel.sdk.metric_reader.collection.duration")[.empty]?.count == 1, "the collection still finished")
    }

    @Test func aScrapeRefusedForTooManyAtOnceIsCounted() async throws {
        let endpoint = try Endpoint()
        _ = await endpoint.scrape()
        let refused = endpoint.handler.refuseAsTooManyScrapes(ScrapeRequest(method: "GET", path: "/metrics"))
        #expect(refused.status == 503)
        #expect(refused.header("Retry-After") == "1")
        let scrapes = endpoint.histogram("otel.sdk.exporter.operation.duration")
        #expect(scrapes[["http.response.status_code": 503, "vernier.exposition.format": "prometheus_text", "error.type": "concurrency_limit"]]?.count == 1)
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
