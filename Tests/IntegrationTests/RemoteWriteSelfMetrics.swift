import Vernier
import VernierRemoteWrite
import VernierTesting

/// A remote-write exporter whose self-metrics a test can read, so tests can check what it counted.
struct RemoteWriteSelfMetrics {
    let exporter: RemoteWriteExporter
    private let metrics = TestMetrics(resource: Resource(attributes: .empty))

    init(_ configuration: RemoteWriteConfiguration) {
        exporter = RemoteWriteExporter(configuration: configuration)
        exporter.attachSelfMetrics(to: metrics.meter("vernier.test"))
    }

    /// The exporter's self-metrics, by their attributes besides its `otel.component.*`.
    func collect() -> MetricsSnapshot {
        metrics.collect().selfMetrics(of: "prometheus_remote_write_exporter")
    }

    /// The sum of the series of the counter `name` that carry an `error.type`.
    func givenUp(_ name: String) throws -> Double {
        try collect().counterTotal(name) { $0["error.type"] != nil }
    }
}
