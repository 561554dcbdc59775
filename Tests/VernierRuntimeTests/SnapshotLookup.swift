import Testing
import Vernier
import VernierRuntime

extension MetricsSnapshot {
    /// The metric named `name`, if the collection produced it.
    func metric(_ name: String) -> Metric? {
        metrics.first { $0.name == name }
    }

    /// The value of the sum or gauge point of `name` with exactly `attributes`.
    func value(_ name: String, _ attributes: Attributes = .empty) -> Double? {
        switch metric(name)?.data {
        case .sum(let sum): return sum.points.first { $0.attributes == attributes }?.value.doubleValue
        case .gauge(let gauge): return gauge.points.first { $0.attributes == attributes }?.value.doubleValue
        default: return nil
        }
    }

    /// The histogram point of `name` with exactly `attributes`.
    func histogramPoint(_ name: String, _ attributes: Attributes) -> HistogramPoint? {
        guard case .histogram(let histogram) = metric(name)?.data else { return nil }
        return histogram.points.first { $0.attributes == attributes }
    }
}

/// A provider read on demand, with a runtime sampler registered on it.
struct SampledProvider {
    let reader = PullMetricReader()
    let sampler: RuntimeSampler

    init(
        naming: RuntimeMetricNaming = .openTelemetry, lagProbes: [LagProbeTarget] = [.globalConcurrencyExecutor],
        interval: Duration = .seconds(3600)
    ) {
        let provider = MeterProvider(resource: Resource(serviceName: "runtime-tests"), readers: [reader])
        sampler = RuntimeSampler(meterProvider: provider, interval: interval, naming: naming, lagProbes: lagProbes)
    }

    /// Collects now.
    func collect() -> MetricsSnapshot {
        reader.collect()
    }
}

/// Process-wide measurements (memory, heap, descriptors, threads of event loops) disturb each other, so the
/// suites that make them run one test at a time.
@Suite(.serialized)
enum ProcessWideMeasurements {}
