/// A reader that collects when asked, as a Prometheus scrape does. Cumulative by default.
public final class PullMetricReader: MetricReader {
    /// The temporality this reader asks for.
    public let temporalityPreference: TemporalityPreference
    /// Sources of metrics recorded elsewhere, merged into each collection.
    public let producers: [any MetricProducer]
    private let collector = OnceReference<MetricCollector>()

    /// Creates a reader; pass it to a `MeterProvider`.
    public init(temporalityPreference: TemporalityPreference = .cumulative, producers: [any MetricProducer] = []) {
        self.temporalityPreference = temporalityPreference
        self.producers = producers
    }

    public func register(_ collector: MetricCollector) {
        self.collector.set(collector)
    }

    /// Collects now. Before the reader is given to a provider the snapshot is empty.
    public func collect() -> MetricsSnapshot {
        collector.loadIfSet()?.collect() ?? MetricsSnapshot(resource: Resource(attributes: .empty), scopes: [])
    }

    /// The meter for the self-metrics of whatever serves this reader's collections, once a provider has the reader.
    package var selfMetricsMeter: Meter? {
        collector.loadIfSet()?.selfMetricsMeter
    }

    public func forceFlush() async {}

    public func shutdown() async {}
}
