import Vernier
import VernierTracing

/// Sends spans to an OpenTelemetry collector's `/v1/traces` over OTLP/HTTP, in protobuf (the default) or JSON,
/// exactly as `OTLPMetricExporter` sends metrics: the same configuration type, transport, retries, secrets and
/// self-metrics (`otel.sdk.exporter.span.*`, `otel.sdk.exporter.operation.duration`).
///
/// ```swift
/// let exporter = OTLPSpanExporter(configuration: OTLPExporterConfiguration(endpoint: "http://collector:4318"))
/// exporter.attachSelfMetrics(to: provider.meter("vernier"))
/// let processor = BatchSpanProcessor(exporter: exporter)
/// ```
///
/// An export that is not delivered throws `OTLPExportError`; the batch processor counts its spans as dropped.
public final class OTLPSpanExporter: SpanExporter {
    /// The configuration the exporter was created with.
    public let configuration: OTLPExporterConfiguration
    private let exporter: OTLPHTTPExporter<[FinishedSpan]>

    /// Creates an exporter; nothing connects until the first export.
    public init(configuration: OTLPExporterConfiguration = OTLPExporterConfiguration()) {
        self.configuration = configuration
        exporter = OTLPHTTPExporter(configuration: configuration, signal: .traces,
                                    protobuf: OTLPSpanProtobufEncoder(), json: OTLPSpanJSONEncoder())
    }

    /// The URL exports go to: the configuration's `url(for: .traces)`.
    public var endpoint: String { exporter.url }

    /// Creates the exporter's self-metrics on `meter`, such as the `MeterProvider`'s `vernier` meter.
    public func attachSelfMetrics(to meter: Meter) {
        exporter.attachSelfMetrics(to: meter)
    }

    /// Sends `spans`; none sends nothing. Throws `OTLPExportError` when they were not delivered.
    public func export(_ spans: [FinishedSpan]) async throws {
        try await exporter.export(spans, count: spans.count)
    }

    /// Stops exporting and releases the connection; later exports throw `OTLPExportError.shutDown`.
    public func shutdown() async {
        await exporter.shutdown()
    }
}
