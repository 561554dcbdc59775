import Vernier
import VernierOTLP
import VernierTesting

/// An OTLP metric exporter whose self-metrics a test can read, so tests can check what the exporter counted.
struct OTLPSelfMetricsProbe {
    let exporter: OTLPMetricExporter
    private let metrics = TestMetrics(resource: Resource(attributes: .empty))

    init(_ configuration: OTLPExporterConfiguration) {
        exporter = OTLPMetricExporter(configuration: configuration)
        exporter.attachSelfMetrics(to: metrics.meter("vernier.test"))
    }

    /// The exporter's self-metrics, without its `otel.component.*` attributes.
    func collect() -> MetricsSnapshot {
        metrics.collect().removingAttributes(["otel.component.type", "otel.component.name"])
    }
}
