import Vernier

/// A provider read by a pull reader, on whose meter an exporter attaches its self-metrics, and the lookup the
/// tests make on them: one series of one self-metric, by the exporter's `exporter` attribute.
struct SelfMetricsReading {
    /// Where the exporter registers its self-metrics.
    let meter: Meter
    private let reader = PullMetricReader()
    private let provider: MeterProvider
    private let exporter: Attributes

    /// Reads the self-metrics of the exporter whose `exporter` attribute is `exporterName`.
    init(exporterName: String) {
        provider = MeterProvider(resource: Resource(attributes: .empty), readers: [reader])
        meter = provider.meter("vernier.test")
        exporter = ["exporter": .string(exporterName)]
    }

    /// The value of the series of `name` with the exporter's and `extra` attributes (the count for a histogram);
    /// 0 when absent.
    func value(_ name: String, _ extra: Attributes = .empty) -> Double {
        let wanted = exporter.merging(extra)
        for metric in reader.collect().metrics where metric.name == name {
            switch metric.data {
            case .sum(let sum):
                return sum.points.first { $0.attributes == wanted }?.value.doubleValue ?? 0
            case .gauge(let gauge):
                return gauge.points.first { $0.attributes == wanted }?.value.doubleValue ?? 0
            case .histogram(let histogram):
                return Double(histogram.points.first { $0.attributes == wanted }?.count ?? 0)
            default:
                return 0
            }
        }
        return 0
    }
}
