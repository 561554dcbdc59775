import Vernier
import VernierTransport

/// Where and how an `OTLPSpanExporter` sends: endpoint, headers, TLS, timeout, compression, retries.
///
/// Build it in code, or from the `OTEL_EXPORTER_OTLP_*` environment variables with `init(environment:)`.
public struct OTLPSpanExporterConfiguration: Sendable {
    /// The default endpoint of an OTLP/HTTP collector on this machine.
    public static let defaultEndpoint = "http://localhost:4318/v1/traces"

    /// The full URL requests go to, `/v1/traces` included.
    public var endpoint: String
    /// Extra request headers, such as an API key; their values are never logged.
    public var headers: [(name: String, value: String)]
    /// How long one export may take, retries and waits included.
    public var timeout: Duration
    /// Whether request bodies are gzip-compressed.
    public var compression: OTLPMetricExporterConfiguration.Compression
    /// Certificates for HTTPS endpoints.
    public var tls: TLSConfiguration
    /// When to retry: by default the OTLP rules (429, 502, 503, 504 and connection failures, with backoff).
    public var retryPolicy: RetryPolicy
    /// True when `OTEL_SDK_DISABLED` is `true` or `OTEL_TRACES_EXPORTER` is `none`: no spans should be exported.
    public var isDisabled: Bool

    /// Creates a configuration in code; every argument has the OpenTelemetry default.
    public init(
        endpoint: String = Self.defaultEndpoint,
        headers: [(name: String, value: String)] = [],
        timeout: Duration = .seconds(10),
        compression: OTLPMetricExporterConfiguration.Compression = .none,
        tls: TLSConfiguration = TLSConfiguration(),
        retryPolicy: RetryPolicy = .otlp,
        isDisabled: Bool = false
    ) {
        self.endpoint = endpoint
        self.headers = headers
        self.timeout = timeout
        self.compression = compression
        self.tls = tls
        self.retryPolicy = retryPolicy
        self.isDisabled = isDisabled
    }

    /// Creates a configuration from the OpenTelemetry environment variables, the traces-specific variant of
    /// each winning over the general one, exactly as the metrics exporter reads its own:
    ///
    /// - `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` (used as is) or `OTEL_EXPORTER_OTLP_ENDPOINT` (with `/v1/traces` appended)
    /// - `…_HEADERS`, `…_TIMEOUT` (milliseconds), `…_COMPRESSION` (`gzip`, `none`), `…_CERTIFICATE`,
    ///   `…_CLIENT_KEY`, `…_CLIENT_CERTIFICATE`
    /// - `OTEL_SDK_DISABLED`, and `OTEL_TRACES_EXPORTER` (`otlp`, the default, or `none`)
    ///
    /// Only `http/protobuf` is sent; a malformed value is reported once, naming the variable and the default.
    public init(environment: [String: String]) {
        let reader = OTLPEnvironment(environment, signal: "TRACES")
        self.init()
        endpoint = reader.endpoint(default: Self.defaultEndpoint)
        headers = reader.headers()
        timeout = reader.timeout(default: timeout)
        compression = reader.choice("COMPRESSION", default: compression)
        tls = TLSConfiguration(
            certificateAuthorityFile: reader.file("CERTIFICATE"),
            clientCertificateFile: reader.file("CLIENT_CERTIFICATE"),
            clientKeyFile: reader.file("CLIENT_KEY"))
        let exporterName = environment["OTEL_TRACES_EXPORTER"]?.lowercased() ?? "otlp"
        isDisabled = reader.flag("OTEL_SDK_DISABLED", default: false) || exporterName == "none"
    }
}
