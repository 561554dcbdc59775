import Vernier
import VernierRemoteWrite

/// A remote-write exporter whose self-metrics a pull reader can read, so tests can check what it counted.
struct RemoteWriteSelfMetrics {
    let exporter: RemoteWriteExporter
    private let reader = PullMetricReader()
    private let provider: MeterProvider

    init(_ configuration: RemoteWriteConfiguration) {
        exporter = RemoteWriteExporter(configuration: configuration)
        provider = MeterProvider(resource: Resource(attributes: .empty), readers: [reader])
        exporter.attachSelfMetrics(to: provider.meter("vernier.test"))
    }

    /// The value of a self-metric's series with `exporter=remote_write` and `extra` attributes; 0 when absent.
    func value(_ name: String, _ extra: Attributes = .empty) -> Double {
        let exporter: Attributes = ["exporter": "remote_write"]
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
