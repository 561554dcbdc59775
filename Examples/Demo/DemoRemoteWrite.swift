import ServiceLifecycle
import Vernier
import VernierLifecycle
import VernierRemoteWrite

/// Remote-write push for the demo, on when `VERNIER_REMOTE_WRITE_URL` is set: every
/// `VERNIER_REMOTE_WRITE_INTERVAL` seconds (15 by default), with its on-disk queue in
/// `VERNIER_REMOTE_WRITE_QUEUE_DIR` when that is set.
struct DemoRemoteWrite {
    /// The periodic reader that pushes, for the provider; empty when remote write is off.
    let readers: [any MetricReader]
    /// The reader as a service, so that graceful shutdown pushes once more and flushes the queue.
    let services: [ServiceGroupConfiguration.ServiceConfiguration]
    /// A line saying where the demo pushes, or nil.
    let announcement: String?

    init(environment: [String: String]) {
        guard let url = environment["VERNIER_REMOTE_WRITE_URL"], !url.isEmpty else {
            (readers, services, announcement) = ([], [], nil)
            return
        }
        var seconds = 15
        if let text = environment["VERNIER_REMOTE_WRITE_INTERVAL"], !text.isEmpty {
            if let value = Int(text), value > 0 {
                seconds = value
            } else {
                Diagnostics.warn("VERNIER_REMOTE_WRITE_INTERVAL='\(text)' is not a positive number of seconds; using 15")
            }
        }
        let queueDirectory = environment["VERNIER_REMOTE_WRITE_QUEUE_DIR"].flatMap { $0.isEmpty ? nil : $0 }
        let exporter = RemoteWriteExporter(configuration: RemoteWriteConfiguration(url: url, queueDirectory: queueDirectory))
        let reader = PeriodicMetricReader(exporter: exporter, interval: .seconds(seconds))
        readers = [reader]
        services = [.init(service: PeriodicMetricReaderService(reader))]
        announcement = "vernier-demo: pushing to \(url) every \(seconds) s" + (queueDirectory.map { ", queueing in \($0)" } ?? "")
    }
}
