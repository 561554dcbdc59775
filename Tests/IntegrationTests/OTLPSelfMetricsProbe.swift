import Vernier
import VernierOTLP

/// An OTLP exporter with its self-metrics attached to a provider that a pull reader can read, so tests can
/// check what the exporter counted.
struct OTLPSelfMetricsProbe {
    let exporter: OTLPMetricExporter
    private let selfMetrics = SelfMetricsReading(exporterName: "otlp")

    init(_ configuration: OTLPMetricExporterConfiguration) {
        exporter = OTLPMetricExporter(configuration: configuration)
        exporter.attachSelfMetrics(to: selfMetrics.meter)
    }

    /// The value of a self-metric's series with `exporter=otlp` and `extra` attributes; 0 when absent.
    func value(_ name: String, _ extra: Attributes = .empty) -> Double {
        selfMetrics.value(name, extra)
    }
}
