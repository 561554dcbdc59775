import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging
import ServiceLifecycle
import Testing
import Vernier
import VernierBootstrap
import VernierPrometheus
import VernierServer

@Suite("VernierService.bootstrap", .serialized)
struct VernierServiceTests {
    /// A configuration that leaves the process-wide systems alone, so tests can bootstrap many times.
    func configuration(_ exporters: [VernierConfiguration.Metrics.ExporterSelection] = [.prometheus]) -> VernierConfiguration {
        VernierConfiguration(
            resource: Resource(serviceName: "bootstrap-test"),
            metrics: .init(exporters: exporters, prometheus: .init(host: "127.0.0.1", port: 0)),
            runtime: .init(isEnabled: false),
            bootstraps: .init(swiftMetrics: false, swiftLog: false, distributedTracing: false))
    }

    @Test("OTEL_SDK_DISABLED=true makes every part a no-op, and run() ends at graceful shutdown")
    func disabledDoesNothing() async throws {
        let vernier = VernierService.bootstrap(configuration(), environment: ["OTEL_SDK_DISABLED": "true"])
        #expect(vernier.metricsServer == nil)
        #expect(vernier.summary.count == 1 && vernier.summary[0].hasPrefix("disabled"))
        try vernier.meter("shop").counter("shop.orders").add(1)
        try await runBriefly(vernier) {}
    }

    @Test("the scrape endpoint serves the provider's metrics until graceful shutdown stops it")
    func prometheusServesTheProvider() async throws {
        let vernier = VernierService.bootstrap(configuration(), environment: [:])
        let orders = try vernier.meter("shop").counter("shop.orders")
        orders.add(3)
        let server = try #require(vernier.metricsServer)
        try await runBriefly(vernier) {
            let port = try await waitForPort(server)
            let (body, _) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/metrics")!)
            let text = String(decoding: body, as: UTF8.self)
            #expect(text.contains(#"shop_orders_total{otel_scope_name="shop"} 3"#), "scrape:\n\(text)")
            #expect(text.contains(#"target_info{service_name="bootstrap-test""#))
        }
        #expect(server.localPort == nil, "the endpoint still listens after shutdown")
    }

    @Test("without its own listener, the scrape handler answers the application's /metrics requests")
    func scrapeHandlerServesWithoutAListener() async throws {
        var configuration = configuration()
        configuration.metrics.prometheus.startsServer = false
        let vernier = VernierService.bootstrap(configuration, environment: [:])
        #expect(vernier.metricsServer == nil)
        try vernier.meter("shop").counter("shop.orders").add(2)
        let handler = try #require(vernier.scrapeHandler)
        let response = await handler.handle(ScrapeRequest(method: "GET", path: "/metrics"))
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self).contains(#"shop_orders_total{otel_scope_name="shop"} 2"#))
    }

    @Test("the summary names each part the configuration selected")
    func summaryNamesEachPart() {
        let vernier = VernierService.bootstrap(
            configuration([.prometheus, .otlp]),
            environment: ["OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318", "VERNIER_REMOTE_WRITE_URL": "http://user:secret@mimir/api/v1/push",
                          "OTEL_TRACES_EXPORTER": "otlp", "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL": "http/json"])
        #expect(vernier.summary.count == 4)
        #expect(vernier.summary[0].hasPrefix("metrics: Prometheus scrape endpoint on 127.0.0.1:0"))
        #expect(vernier.summary[1] == "metrics: OTLP (http/protobuf) to http://collector:4318/v1/metrics every 60.0 seconds")
        #expect(vernier.summary[2].contains("remote-write to http://****@mimir/api/v1/push") && !vernier.summary[2].contains("secret"))
        #expect(vernier.summary[3] == "traces: OTLP (http/json) to http://collector:4318/v1/traces")
    }

    @Test("the default histogram aggregation variable makes histograms exponential, so text scrapes leave them out")
    func theDefaultHistogramAggregationTakesEffect() async throws {
        var bodies: [String: String] = [:]
        for aggregation in ["explicit_bucket_histogram", "base2_exponential_bucket_histogram"] {
            let vernier = VernierService.bootstrap(
                configuration(), environment: ["OTEL_EXPORTER_OTLP_METRICS_DEFAULT_HISTOGRAM_AGGREGATION": aggregation])
            try vernier.meter("shop").histogram("payload.size", unit: "By").record(300)
            let handler = try #require(vernier.scrapeHandler)
            let response = await handler.handle(ScrapeRequest(method: "GET", path: "/metrics"))
            bodies[aggregation] = String(decoding: response.body, as: UTF8.self)
        }
        #expect(bodies["explicit_bucket_histogram"]?.contains("payload_size_bytes_bucket{") == true)
        #expect(bodies["base2_exponential_bucket_histogram"]?.contains("payload_size_bytes_bucket{") == false)
    }

    /// Runs `vernier` in a service group while `body` runs, then shuts the group down gracefully and waits.
    private func runBriefly(_ vernier: VernierService, _ body: () async throws -> Void) async throws {
        let group = ServiceGroup(services: [vernier], logger: Logger(label: "test"))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await body()
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    private func waitForPort(_ server: MetricsServer) async throws -> Int {
        for _ in 0..<200 {
            if let port = server.localPort { return port }
            try await Task.sleep(for: .milliseconds(25))
        }
        throw CancellationError()
    }
}
