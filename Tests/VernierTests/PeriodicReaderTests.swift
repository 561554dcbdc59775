import Testing
@testable import Vernier
import VernierTesting

@Suite struct PeriodicReaderTests {
    @Test func exportsOnTheIntervalAndFlushesOnCancellation() async throws {
        let exporter = InMemoryMetricExporter(temporalityPreference: .delta)
        let reader = PeriodicMetricReader(exporter: exporter, interval: .milliseconds(50))
        let provider = MeterProvider(resource: Resource(attributes: .empty), readers: [reader])
        let counter = try provider.meter("m").counter("c")
        counter.add(1)
        let running = Task { try await reader.run() }
        let deadline = ContinuousClock.now + .seconds(60)
        while exporter.snapshots.count < 2, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        counter.add(10)
        running.cancel()
        try await running.value
        let exported = exporter.snapshots
        #expect(exported.count >= 3)
        let total = exported.compactMap { try? $0.counterValue("c") }.reduce(0, +)
        #expect(total == 11)
        #expect(exporter.shutdownCount == 1)
    }

    @Test func forceFlushExportsNowAndShutdownOnlyOnce() async throws {
        let exporter = InMemoryMetricExporter()
        let reader = PeriodicMetricReader(exporter: exporter, interval: .seconds(3600))
        let provider = MeterProvider(resource: Resource(attributes: .empty), readers: [reader])
        try provider.meter("m").gauge("g").record(4)
        await provider.forceFlush()
        #expect(try exporter.snapshots.last?.gaugeValue("g") == 4)
        await provider.shutdown()
        await provider.shutdown()
        #expect(exporter.shutdownCount == 1)
        #expect(exporter.snapshots.count == 2)
    }

    @Test func aSlowExportIsAbandonedAtTheTimeout() async throws {
        struct StuckExporter: MetricExporter {
            var temporalityPreference: TemporalityPreference { .cumulative }
            func export(_ snapshot: MetricsSnapshot) async throws { try await Task.sleep(for: .seconds(3600)) }
            func shutdown() async {}
        }
        let reader = PeriodicMetricReader(exporter: StuckExporter(), interval: .seconds(3600), timeout: .milliseconds(100))
        _ = MeterProvider(resource: Resource(attributes: .empty), readers: [reader])
        let clock = ContinuousClock()
        let elapsed = await clock.measure { await reader.forceFlush() }
        // The export would take an hour; giving up within a minute shows the timeout, even on a loaded machine.
        #expect(elapsed < .seconds(60))
    }

    @Test func theConsoleExporterPrintsEveryPoint() throws {
        let metrics = TestMetrics()
        try metrics.meter.counter("shop.orders", unit: "{order}").add(3, attributes: ["payment.method": "card"])
        let text = ConsoleMetricExporter.render(metrics.collect())
        #expect(text.contains("shop.orders [{order}] counter, cumulative"))
        #expect(text.contains("{payment.method=card} 3"))
    }
}
