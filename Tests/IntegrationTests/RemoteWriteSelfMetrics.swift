import Vernier
import VernierRemoteWrite

/// A remote-write exporter whose self-metrics a pull reader can read, so tests can check what it counted.
struct RemoteWriteSelfMetrics {
    let exporter: RemoteWriteExporter
    private let selfMetrics = SelfMetricsReading(exporterName: "remote_write")

    init(_ configuration: RemoteWriteConfiguration) {
        exporter = RemoteWriteExporter(configuration: configuration)
        exporter.attachSelfMetrics(to: selfMetrics.meter)
    }

    /// The value of a self-metric's series with `exporter=remote_write` and `extra` attributes; 0 when absent.
    func value(_ name: String, _ extra: Attributes = .empty) -> Double {
        selfMetrics.value(name, extra)
    }
}
