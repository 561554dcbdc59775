import Vernier
import VernierOTLP

/// An OTLP exporter with its self-metrics attached to a provider that a pull reader can read, so tests can
/// check what the exporter counted.
struct OTLPSelfMetricsProbe {
    let exporter: OTLPMetricExporter
    private let reader = PullMetricReader()
    private let provider: MeterProvider

    init(_ configuration: OTLPMetricExporterConfiguration) {
        exporter = OTLPMetricExporter(configuration: configuration)
        provider = MeterProvider(resource: Resource(attributes: .empty), readers: [reader])
        exporter.attachSelfMetrics(to: provider.meter("vernier.test"))
    }

    /// The value of a self-metric's series with `exporter=otlp` and `extra` attributes; 0 when absent.
    func value(_ name: String, _ extra: Attributes = .empty) -> Double {
        let exporter: Attributes = ["exporter": "otlp"]
        let wanted = exporter.merging(extra)
        for metric in reader.collect().metrics where metric.name == name {
            switch metric.data {
            case .sum(let sum):
                return sum.points.first { $0.attributes == wanted }?.value.doubleValue ?? 0
            case .histogram(let histogram):
                return Double(histogram.points.first { $0.attributes == wanted }?.count ?? 0)
            default:
                return 0
            }
        }
        return 0
    }
}
