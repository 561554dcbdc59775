import Synchronization
@testable import Vernier
import VernierConcurrency

/// A provider with one pull reader, the usual set-up of a test.
struct Harness {
    let reader: PullMetricReader
    let provider: MeterProvider
    let meter: Meter

    init(
        views: [View] = [], temporality: TemporalityPreference = .cumulative, exemplarFilter: ExemplarFilter = .traceBased,
        cardinalityLimit: Int = 2000, defaultHistogramAggregation: DefaultHistogramAggregation = .explicitBucketHistogram
    ) {
        reader = PullMetricReader(temporalityPreference: temporality)
        provider = MeterProvider(
            resource: Resource(serviceName: "test"), views: views, readers: [reader],
            exemplarFilter: exemplarFilter, cardinalityLimit: cardinalityLimit, defaultHistogramAggregation: defaultHistogramAggregation)
        meter = provider.meter("test.scope", version: "1.0")
    }

    func collect() -> MetricsSnapshot { reader.collect() }

    func metric(_ name: String, in snapshot: MetricsSnapshot? = nil) -> Metric? {
        (snapshot ?? collect()).metrics.first { $0.name == name }
    }
}

extension Metric {
    var numberPoints: [NumberPoint] {
        switch data {
        case .sum(let sum): return sum.points
        case .gauge(let gauge): return gauge.points
        default: return []
        }
    }

    var histogramPoints: [HistogramPoint] {
        if case .histogram(let histogram) = data { return histogram.points }
        return []
    }

    var exponentialPoints: [ExponentialHistogramPoint] {
        if case .exponentialHistogram(let histogram) = data { return histogram.points }
        return []
    }

    func value(_ attributes: Attributes = .empty) -> Double? {
        numberPoints.first { $0.attributes == attributes }?.value.doubleValue
    }
}

/// An exporter that keeps what it is given.
final class RecordingExporter: MetricExporter {
    let temporalityPreference: TemporalityPreference
    let snapshots = MutexBox<[MetricsSnapshot]>([])
    let shutdowns = Atomic<Int>(0)

    init(temporalityPreference: TemporalityPreference = .cumulative) {
        self.temporalityPreference = temporalityPreference
    }

    func export(_ snapshot: MetricsSnapshot) async throws {
        snapshots.withLock { $0.append(snapshot) }
    }

    func shutdown() async {
        shutdowns.wrappingAdd(1, ordering: .relaxed)
    }

    var exported: [MetricsSnapshot] { snapshots.withLock { $0 } }
}
