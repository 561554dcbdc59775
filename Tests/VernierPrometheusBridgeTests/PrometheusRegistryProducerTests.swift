import Prometheus
import Testing
import Vernier
import VernierPrometheusBridge
import VernierTesting

@Suite("swift-prometheus registry bridge")
struct PrometheusRegistryProducerTests {
    @Test("a registry's counters, gauges and histograms reach a reader unchanged, with start times kept across reads")
    func registryMetricsReachTheReader() throws {
        let registry = PrometheusCollectorRegistry()
        registry.makeCounter(name: "jobs_processed_total", labels: [("queue", "mail")], help: "Jobs done").increment(by: Int64(3))
        registry.makeGauge(name: "workers_busy", help: "Busy workers").set(to: Double(2))
        let latency = registry.makeValueHistogram(name: "job_duration_seconds", labels: [], buckets: [0.1, 1])
        latency.record(Double(0.05))
        latency.record(Double(0.5))
        latency.record(Double(5))

        let metrics = TestMetrics(producers: [PrometheusRegistryProducer(registry)])
        let first = metrics.collect()
        #expect(try first.counterValue("jobs_processed", attributes: ["queue": "mail"]) == 3)
        #expect(try first.gaugeValue("workers_busy") == 2)
        let histogram = try first.histogram("job_duration_seconds")
        #expect(histogram.boundaries == [0.1, 1] && histogram.bucketCounts == [1, 1, 1] && histogram.count == 3 && histogram.sum == 5.55)
        #expect(first.scopes.contains { $0.scope.name == "swift-prometheus" })

        registry.makeCounter(name: "jobs_processed_total", labels: [("queue", "mail")], help: "Jobs done").increment(by: Int64(2))
        let second = metrics.collect()
        #expect(try second.counterValue("jobs_processed", attributes: ["queue": "mail"]) == 5)
        let start = { (snapshot: MetricsSnapshot) -> Timestamp? in
            guard case .sum(let sum) = snapshot.metrics.first(where: { $0.name == "jobs_processed" })?.data else { return nil }
            return sum.points.first?.startTime
        }
        #expect(start(first) != nil && start(first) == start(second))
    }
}
