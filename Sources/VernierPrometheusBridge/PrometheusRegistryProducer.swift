import Prometheus
import Vernier
import VernierConcurrency
import VernierPrometheus

/// Bridges a swift-prometheus `PrometheusCollectorRegistry` into Vernier: a `MetricProducer` whose metrics
/// are the registry's, read at each collection, so a service instrumented with swift-prometheus pushes OTLP or
/// remote-write through Vernier without changing its instrumentation.
///
/// ```swift
/// let registry = PrometheusCollectorRegistry()          // the service's existing registry
/// let reader = PeriodicMetricReader(exporter: otlp, producers: [PrometheusRegistryProducer(registry)])
/// ```
///
/// The registry's families are read through its text exposition and mapped as `ExpositionMapping` says,
/// under the provider's resource and the scope `swift-prometheus`.
public struct PrometheusRegistryProducer: MetricProducer {
    private let registry: PrometheusCollectorRegistry
    private let startTimes = MutexBox(StartTimeTracker())

    /// The scope of the bridged metrics.
    public static let scope = InstrumentationScope(name: "swift-prometheus")

    /// Creates a producer reading `registry`.
    public init(_ registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    /// The registry's metrics now, under the provider's `resource`.
    public func produce(resource: Resource) throws -> [ResourceMetrics] {
        var body: [UInt8] = []
        registry.emit(into: &body)
        let families = try ExpositionParser(format: .prometheusText).parse(body)
        let mapping = startTimes.withLock { ExpositionMapping().map(families, time: .now, startTimes: &$0) }
        return [ResourceMetrics(resource: resource, scopes: [ScopeMetrics(scope: Self.scope, metrics: mapping.metrics)])]
    }
}
