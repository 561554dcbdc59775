import ServiceLifecycle
import Vernier
import VernierLifecycle
import VernierOTLP

/// OTLP push for the demo, on when `OTEL_EXPORTER_OTLP_ENDPOINT` or `OTEL_EXPORTER_OTLP_METRICS_ENDPOINT`
/// is set; every other `OTEL_*` variable configures it as the OpenTelemetry specification says.
struct DemoOTLP {
    /// The periodic reader that pushes, for the provider; empty when OTLP is off.
    let readers: [any MetricReader]
    /// The reader as a service, so that graceful shutdown pushes once more.
    let services: [ServiceGroupConfiguration.ServiceConfiguration]
    /// A line saying where the demo pushes, or nil.
    let announcement: String?

    init(environment: [String: String]) {
        let endpointSet = ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"].contains { !(environment[$0] ?? "").isEmpty }
        let configuration = OTLPMetricExporterConfiguration(environment: environment)
        guard endpointSet, !configuration.isSDKDisabled else {
            (readers, services, announcement) = ([], [], nil)
            return
        }
        let reader = PeriodicMetricReader(exporter: OTLPMetricExporter(configuration: configuration), environment: environment)
        readers = [reader]
        services = [.init(service: PeriodicMetricReaderService(reader))]
        announcement = "vernier-demo: pushing OTLP (\(configuration.exportProtocol.rawValue)) to "
            + configuration.loggableEndpoint + " every \(reader.interval)"
    }
}
