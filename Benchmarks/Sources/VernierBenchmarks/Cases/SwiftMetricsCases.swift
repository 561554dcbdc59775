import CoreMetrics
import Prometheus
import Synchronization
import VernierSwiftMetrics

/// The same measurements made through the swift-metrics API, as Vapor, Hummingbird and SwiftNIO make them:
/// Vernier's `VernierMetricsFactory` against swift-prometheus's `PrometheusMetricsFactory` and swift-otel's factory.
extension BenchmarkCase {
    /// A `Counter` created once and incremented; beside the libraries, the floor: a `Counter` whose handler
    /// is one atomic integer, the least any backend can do.
    static var swiftMetricsCounterIncrement: BenchmarkCase {
        swiftMetricsCase(
            name: "swift-metrics Counter.increment",
            floor: { incrementLoop(Counter(label: Fixtures.counterName, dimensions: Fixtures.boundLabels, handler: AtomicCounterHandler())) }
        ) { factory in
            incrementLoop(Counter(label: Fixtures.counterName, dimensions: Fixtures.boundLabels, factory: factory))
        }
    }

    private static func incrementLoop(_ counter: CoreMetrics.Counter) -> Workload {
        .loop { iterations, spacing in
            repeatOperation(iterations, spacing: spacing) { _ in counter.increment() }
        }
    }

    /// A `Timer` created once, recording durations spread over the buckets.
    static var swiftMetricsTimerRecord: BenchmarkCase {
        swiftMetricsCase(name: "swift-metrics Timer.recordNanoseconds") { factory in
            let timer = Timer(label: Fixtures.histogramName, dimensions: Fixtures.boundLabels, factory: factory)
            return .loop { iterations, spacing in
                let samples = Fixtures.samples.map { Int64($0 * 1e9) }
                repeatOperation(iterations, spacing: spacing) { index in timer.recordNanoseconds(samples[index & 15]) }
            }
        }
    }

    /// A `Counter` created for every request and incremented once, as Vapor's request metrics do.
    static var swiftMetricsCounterPerRequest: BenchmarkCase {
        swiftMetricsCase(name: "swift-metrics Counter made per request") { factory in
            let dimensions = Fixtures.labels
            return .loop { iterations, spacing in
                repeatOperation(iterations, spacing: spacing) { _ in
                    Counter(label: Fixtures.counterName, dimensions: dimensions, factory: factory).increment()
                }
            }
        }
    }

    /// A case whose every library runs `workload` on its own swift-metrics factory.
    private static func swiftMetricsCase(
        name: String, floor: (@Sendable () throws -> Workload)? = nil,
        workload: @escaping @Sendable (any MetricsFactory) throws -> Workload
    ) -> BenchmarkCase {
        BenchmarkCase(
            name: name,
            setups: LibrarySetups(
                vernier: { instance in try workload(VernierMetricsFactory(meterProvider: instance.provider, timerBoundaries: Fixtures.boundaries)) },
                swiftPrometheus: { registry in try workload(PrometheusMetricsFactory(registry: registry)) },
                swiftOTel: { factory in try workload(factory) },
                floor: floor),
            targets: [.faster(than: .swiftPrometheus, by: 2), .faster(than: .swiftOTel, by: 2)])
    }
}

/// The least a swift-metrics counter backend can do: one relaxed atomic add.
private final class AtomicCounterHandler: CounterHandler, Sendable {
    private let total = Atomic<Int>(0)

    func increment(by amount: Int64) {
        total.wrappingAdd(Int(amount), ordering: .relaxed)
    }

    func reset() {
        total.store(0, ordering: .relaxed)
    }
}
