/// A reader that collects when asked, as a Prometheus scrape does. Cumulative by default.
public final class PullMetricReader: MetricReader {
    /// The temporality this reader asks for.
    public let temporalityPreference: TemporalityPreference
    private let collector = OnceReference<MetricCollector>()

    /// Creates a reader; pass it to a `MeterProvider`.
    public init(temporalityPreference: TemporalityPreference = .cumulative) {
        self.temporalityPreference = temporalityPreference
    }

    public func register(_ collector: MetricCollector) {
        self.collector.set(collector)
    }

    /// Collects now. Before the reader is given to a provider the snapshot is empty.
    public func collect() -> MetricsSnapshot {
        collector.loadIfSet()?.collect() ?? MetricsSnapshot(resource: Resource(attributes: .empty), scopes: [])
    }

    public func forceFlush() async {}

    public func shutdown() async {}
}
