import Vernier
import VernierOTLP

/// An OTLP metric exporter with its self-metrics attached to a provider that a pull reader can read, so tests can
/// check what the exporter counted.
struct OTLPSelfMetricsProbe {
    let exporter: OTLPMetricExporter
    private let reader = PullMetricReader()
    private let provider: MeterProvider

    init(_ configuration: OTLPExporterConfiguration) {
        provider = MeterProvider(resource: Resource(attributes: .empty), readers: [reader])
        exporter = OTLPMetricExporter(configuration: configuration)
        exporter.attachSelfMetrics(to: provider.meter("vernier.test"))
    }

    /// The series of `name` with the exporter's `otel.component.*` attributes and `extra`: a sum's value or a
    /// histogram's count; 0 when absent.
    func value(_ name: String, _ extra: Attributes = .empty) -> Double {
        for point in points(name) where point.attributes == component.merging(extra) {
            return point.value
        }
        return 0
    }

    /// How many series `name` has.
    func seriesCount(_ name: String) -> Int {
        points(name).count
    }

    /// The exporter's `otel.component.type` and `otel.component.name`, from its in-flight series, the one every
    /// exporter creates first.
    private var component: Attributes {
        points("otel.sdk.exporter.metric_data_point.inflight").first?.attributes ?? .empty
    }

    private func points(_ name: String) -> [(attributes: Attributes, value: Double)] {
        for metric in reader.collect().metrics where metric.name == name {
            switch metric.data {
            case .sum(let sum): return sum.points.map { ($0.attributes, $0.value.doubleValue) }
            case .histogram(let histogram): return histogram.points.map { ($0.attributes, Double($0.count)) }
            default: return []
            }
        }
        return []
    }
}
