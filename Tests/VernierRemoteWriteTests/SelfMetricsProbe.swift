import Vernier
import VernierRemoteWrite
import VernierTesting

/// Reads an exporter's self-metrics through a provider of its own.
struct SelfMetricsProbe {
    private let metrics = TestMetrics(resource: Resource(attributes: ["service.name": "probe"]), exemplarFilter: .alwaysOff)

    init(_ exporter: RemoteWriteExporter) {
        exporter.attachSelfMetrics(to: metrics.meter("vernier"))
    }

    /// Collects the exporter's self-metrics, by their attributes besides its `otel.component.*`.
    func collect() -> MetricsSnapshot {
        metrics.collect().selfMetrics(of: "prometheus_remote_write_exporter")
    }

    /// The sum of the series of the counter `name` that carry an `error.type`.
    func givenUp(_ name: String) throws -> Double {
        try collect().counterTotal(name) { $0["error.type"] != nil }
    }
}
