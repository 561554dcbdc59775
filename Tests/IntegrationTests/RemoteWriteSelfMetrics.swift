import Vernier
import VernierRemoteWrite

/// A remote-write exporter whose self-metrics a pull reader can read, so tests can check what it counted.
struct RemoteWriteSelfMetrics {
    let exporter: RemoteWriteExporter
    private let selfMetrics = SelfMetricsReading(componentType: "prometheus_remote_write_exporter")

    init(_ configuration: RemoteWriteConfiguration) {
        exporter = RemoteWriteExporter(configuration: configuration)
        exporter.attachSelfMetrics(to: selfMetrics.meter)
    }

    /// The value of a self-metric's series with `extra` attributes besides the exporter's; 0 when absent.
    func value(_ name: String, _ extra: Attributes = .empty) -> Double {
        selfMetrics.value(name, extra)
    }

    /// The sum of a self-metric's series that carry an `error.type`.
    func givenUp(_ name: String) -> Double {
        selfMetrics.givenUp(name)
    }
}
