/// Collects from a provider: on demand for scraping, on an interval for pushing.
///
/// The provider calls `register(_:)` once when it is created with the reader; the reader then calls
/// `MetricCollector.collect()` whenever it wants a snapshot.
public protocol MetricReader: AnyObject, Sendable {
    /// The temporality this reader wants per instrument kind.
    var temporalityPreference: TemporalityPreference { get }
    /// Receives the collector for the provider that owns this reader.
    func register(_ collector: MetricCollector)
    /// Exports anything pending now; readers without an exporter do nothing.
    func forceFlush() async
    /// Exports one last time and stops; readers without an exporter do nothing.
    func shutdown() async
}

/// A reader's handle on its provider: collects snapshots with the reader's temporality.
public final class MetricCollector: Sendable {
    private let id: Int
    private let preference: TemporalityPreference
    private let provider: ProviderCore
    /// The meter for self-metrics of the reader and its exporter, scope `vernier`.
    public let selfMetricsMeter: Meter

    init(id: Int, preference: TemporalityPreference, provider: ProviderCore, selfMeter: Meter) {
        self.id = id
        self.preference = preference
        self.provider = provider
        selfMetricsMeter = selfMeter
    }

    /// Collects every instrument now: runs observable callbacks and reads every series.
    public func collect() -> MetricsSnapshot {
        provider.collect(CollectionContext(readerID: id, preference: preference, time: .now))
    }
}
