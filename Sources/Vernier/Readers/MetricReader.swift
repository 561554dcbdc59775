/// Collects from a provider: on demand for scraping, on an interval for pushing.
///
/// The provider calls `register(_:)` once when it is created with the reader; the reader then calls
/// `MetricCollector.collect()` whenever it wants a snapshot.
public protocol MetricReader: AnyObject, Sendable {
    /// The temporality this reader wants per instrument kind.
    var temporalityPreference: TemporalityPreference { get }
    /// Sources of metrics recorded elsewhere, merged into each collection.
    var producers: [any MetricProducer] { get }
    /// Receives the collector for the provider that owns this reader.
    func register(_ collector: MetricCollector)
    /// Exports anything pending now; readers without an exporter do nothing.
    func forceFlush() async
    /// Exports one last time and stops; readers without an exporter do nothing.
    func shutdown() async
}

extension MetricReader {
    /// No producers: the reader collects the provider's instruments only.
    public var producers: [any MetricProducer] { [] }
}

/// A reader's handle on its provider: collects snapshots with the reader's temporality, merged with what the
/// reader's producers return.
public final class MetricCollector: Sendable {
    private let id: Int
    private let preference: TemporalityPreference
    private let producers: [any MetricProducer]
    private let provider: ProviderCore
    /// The meter for self-metrics of the reader and its exporter, scope `vernier`.
    public let selfMetricsMeter: Meter

    init(id: Int, reader: any MetricReader, provider: ProviderCore, selfMeter: Meter) {
        self.id = id
        preference = reader.temporalityPreference
        producers = reader.producers
        self.provider = provider
        selfMetricsMeter = selfMeter
    }

    /// Collects every instrument now (runs observable callbacks and reads every series), then adds what each
    /// producer returns. A producer that throws is left out of this collection, with a rate-limited log line.
    public func collect() -> MetricsSnapshot {
        var snapshot = provider.collect(CollectionContext(readerID: id, preference: preference, time: .now))
        for producer in producers {
            do {
                snapshot.merge(try producer.produce(resource: provider.resource))
            } catch {
                Diagnostics.report(.warning, "a metric producer failed: \(error)", key: "metric-producer/\(type(of: producer))")
            }
        }
        return snapshot
    }
}

extension MetricsSnapshot {
    /// Adds produced groups: those of the first group's resource join it, the others follow as their own.
    mutating func merge(_ produced: [ResourceMetrics]) {
        for group in produced {
            if let index = resourceMetrics.firstIndex(where: { $0.resource == group.resource }) {
                resourceMetrics[index].scopes += group.scopes
            } else {
                resourceMetrics.append(group)
            }
        }
    }
}
