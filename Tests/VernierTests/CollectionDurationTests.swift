import Testing
@testable import Vernier
import VernierTesting

@Suite struct CollectionDurationTests {
    @Test func aPeriodicReaderTimesEachCollectionAsItsOwnComponent() async throws {
        let exporter = InMemoryMetricExporter()
        let reader = PeriodicMetricReader(exporter: exporter, interval: .seconds(3600))
        let provider = MeterProvider(resource: Resource(attributes: .empty), readers: [reader])
        await provider.forceFlush()
        await provider.forceFlush()
        let metric = try #require(exporter.snapshots.last?.metrics.first { $0.name == "otel.sdk.metric_reader.collection.duration" })
        guard case .histogram(let histogram) = metric.data, let point = histogram.points.first else {
            Issue.record("not a histogram with a point")
            return
        }
        #expect(histogram.points.count == 1)
        #expect(point.count == 1, "the second export's snapshot holds the first collection")
        #expect(point.attributes["otel.component.type"] == "periodic_metric_reader")
        #expect(point.attributes["otel.component.name"]?.description.hasPrefix("periodic_metric_reader/") == true)
        #expect(metric.unit == "s")
    }
}
