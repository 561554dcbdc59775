import Vernier
import VernierTransport

/// Where and how an OTLP exporter sends one signal: endpoint, headers, timeout, encoding, compression, TLS, retries.
///
/// One type serves every signal: `OTLPMetricExporter` and `OTLPSpanExporter` each take one. `VernierService.bootstrap`
/// fills `VernierConfiguration.metrics.otlp` and `.traces.otlp` from the `OTEL_EXPORTER_OTLP_*` variables, the
/// signal's own variable (`OTEL_EXPORTER_OTLP_METRICS_*`, `OTEL_EXPORTER_OTLP_TRACES_*`) winning over the general one,
/// and both over the code's value.
public struct OTLPExporterConfiguration: Sendable {
    /// The collector's base URL; a signal goes to its path under it, `<endpoint>/v1/metrics` or `/v1/traces`,
    /// unless `signalEndpoint` is set. Over gRPC both are the base of the signal's service.
    ///
    /// `OTEL_EXPORTER_OTLP_ENDPOINT`; default `http://localhost:4318`, and `http://localhost:4317` for gRPC.
    public var endpoint: String
    /// The full URL of this signal, used as is in place of `endpoint` and the signal's path.
    ///
    /// `OTEL_EXPORTER_OTLP_METRICS_ENDPOINT` or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`; default nil.
    public var signalEndpoint: String?
    /// Extra request headers, such as an API key. Their values are never logged; `Content-Type`, `Content-Encoding`,
    /// `Content-Length` and `User-Agent` belong to the exporter and are left out with a warning.
    ///
    /// `OTEL_EXPORTER_OTLP_HEADERS`, then the signal's `…_HEADERS` (`key=value,…`, percent-encoded), each replacing
    /// headers of the same name; default none.
    public var headers: [(name: String, value: String)]
    /// How long one export may take, retries and waits included; it also bounds each connection attempt.
    ///
    /// `OTEL_EXPORTER_OTLP_TIMEOUT` or the signal's `…_TIMEOUT` (milliseconds); default 10 s.
    public var timeout: Duration
    /// The request-body encoding.
    ///
    /// `OTEL_EXPORTER_OTLP_PROTOCOL` or the signal's `…_PROTOCOL` (`http/protobuf`, `http/json`, `grpc`); default `.httpProtobuf`.
    public var exportProtocol: ExportProtocol
    /// The request-body compression.
    ///
    /// `OTEL_EXPORTER_OTLP_COMPRESSION` or the signal's `…_COMPRESSION` (`gzip`, `none`); default `.none`.
    public var compression: Compression
    /// The certificates to trust and present over HTTPS.
    ///
    /// `OTEL_EXPORTER_OTLP_CERTIFICATE`, `…_CLIENT_CERTIFICATE`, `…_CLIENT_KEY` or the signal's variants (PEM file
    /// paths); default the system's CAs and no client certificate.
    public var tls: TLSConfiguration
    /// When to send again: by default the OTLP rules (429, 502, 503, 504 and failed connections, with exponential
    /// backoff and jitter, honouring `Retry-After`, within `timeout`). No variable.
    public var retryPolicy: RetryPolicy

    /// Creates a configuration; every argument has the OpenTelemetry default.
    public init(
        endpoint: String = "http://localhost:4318",
        signalEndpoint: String? = nil,
        headers: [(name: String, value: String)] = [],
        timeout: Duration = .seconds(10),
        exportProtocol: ExportProtocol = .httpProtobuf,
        compression: Compression = .none,
        tls: TLSConfiguration = TLSConfiguration(),
        retryPolicy: RetryPolicy = .otlp
    ) {
        self.endpoint = endpoint
        self.signalEndpoint = signalEndpoint
        self.headers = headers
        self.timeout = timeout
        self.exportProtocol = exportProtocol
        self.compression = compression
        self.tls = tls
        self.retryPolicy = retryPolicy
    }

    /// The URL `signal` is sent to: `signalEndpoint` as is, or `endpoint` with `v1/metrics` or `v1/traces`
    /// appended after a `/`, as the OTLP exporter specification derives it; over gRPC, either with the signal's
    /// service method appended.
    public func url(for signal: OTLPSignal) -> String {
        if exportProtocol == .grpc {
            let base = signalEndpoint ?? (endpoint == Self.defaultEndpoint ? Self.defaultGRPCEndpoint : endpoint)
            return (base.hasSuffix("/") ? base : base + "/") + signal.grpcMethod
        }
        if let signalEndpoint { return signalEndpoint }
        return (endpoint.hasSuffix("/") ? endpoint : endpoint + "/") + "v1/" + signal.name
    }

    /// The collector's OTLP/HTTP port on this machine, the default endpoint.
    static let defaultEndpoint = "http://localhost:4318"
    /// Its OTLP/gRPC port, where gRPC goes while the endpoint is left at its default.
    static let defaultGRPCEndpoint = "http://localhost:4317"
}
