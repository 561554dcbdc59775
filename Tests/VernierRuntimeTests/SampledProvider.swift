import Testing
import Vernier
import VernierRuntime

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
