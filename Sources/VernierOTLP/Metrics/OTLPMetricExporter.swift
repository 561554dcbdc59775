import Vernier

/// Pushes metrics to an OpenTelemetry collector's `/v1/metrics` over OTLP/HTTP, in protobuf (the default) or JSON.
///
/// ```swift
/// var otlp = OTLPExporterConfiguration(endpoint: "https://collector:4318", headers: [("api-key", key)])
/// otlp.compression = .gzip
/// let reader = PeriodicMetricReader(exporter: OTLPMetricExporter(configuration: otlp))
/// let provider = MeterProvider(resource: Resource(serviceName: "shop"), readers: [reader])
/// ```
///
/// Each export encodes the snapshot, posts it through the libcurl transport with the configured retry policy and
/// timeout, and counts the outcome in the self-metrics (`otel.sdk.exporter.metric_data_point.*`,
/// `otel.sdk.exporter.operation.duration`). A `partial_success` is logged and its points counted as failed,
/// never sent again. Header values are sent but never logged: they and the endpoint's credentials go into
/// `SecretRegistry`, so they stay masked even when a collector echoes them back.
public final class OTLPMetricExporter: MetricExporter {
    /// The configuration the exporter was created with.
    public let configuration: OTLPExporterConfiguration
    /// The temporality the exporter asks its reader for.
    public let temporalityPreference: TemporalityPreference
    private let exporter: OTLPHTTPExporter<MetricsSnapshot>

    /// Creates an exporter; nothing connects until the first export.
    public init(configuration: OTLPExporterConfiguration = OTLPExporterConfiguration(), temporalityPreference: TemporalityPreference = .cumulative) {
        self.configuration = configuration
        self.temporalityPreference = temporalityPreference
        exporter = OTLPHTTPExporter(configuration: configuration, signal: .metrics,
                                    protobuf: OTLPMetricProtobufEncoder(), json: OTLPMetricJSONEncoder())
    }

    /// The URL exports go to: the configuration's `url(for: .metrics)`.
    public var endpoint: String { exporter.url }

    public func attachSelfMetrics(to meter: Meter) {
        exporter.attachSelfMetrics(to: meter)
    }

    /// Sends `snapshot`; an empty one sends nothing. Throws `OTLPExportError` when it was not delivered.
    public func export(_ snapshot: MetricsSnapshot) async throws {
        try await exporter.export(snapshot, count: snapshot.pointCount)
    }

    /// Stops exporting and releases the connection; later exports throw `OTLPExportError.shutDown`.
    public func shutdown() async {
        await exporter.shutdown()
    }
}
