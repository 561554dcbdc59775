import Vernier
import VernierTransport

/// Where and how an `OTLPMetricExporter` sends: endpoint, encoding, headers, TLS, timeout, retries.
///
/// Build it in code, or from the `OTEL_EXPORTER_OTLP_*` environment variables with `init(environment:)`.
public struct OTLPMetricExporterConfiguration: Sendable {
    /// The OTLP/HTTP encoding of request bodies, as `OTEL_EXPORTER_OTLP_PROTOCOL` names it.
    public enum ExportProtocol: String, Sendable, Hashable {
        /// Binary protobuf, `application/x-protobuf`: the default, smallest and fastest.
        case httpProtobuf = "http/protobuf"
        /// OTLP JSON, `application/json`.
        case httpJSON = "http/json"

        var encoder: any OTLPMetricsEncoder {
            switch self {
            case .httpProtobuf: return OTLPProtobufEncoder()
            case .httpJSON: return OTLPJSONEncoder()
            }
        }
    }

    /// Request-body compression, as `OTEL_EXPORTER_OTLP_COMPRESSION` names it.
    public enum Compression: String, Sendable, Hashable {
        /// Bodies are sent as encoded.
        case none
        /// Bodies are gzip-compressed, with `Content-Encoding: gzip`.
        case gzip
    }

    /// The default endpoint of an OTLP/HTTP collector on this machine.
    public static let defaultEndpoint = "http://localhost:4318/v1/metrics"

    /// The full URL requests go to, `/v1/metrics` included.
    public var endpoint: String
    /// Extra request headers, such as an API key; their values are never logged.
    public var headers: [(name: String, value: String)]
    /// How long one export may take, retries and waits included.
    public var timeout: Duration
    /// The body encoding.
    public var exportProtocol: ExportProtocol
    /// The body compression.
    public var compression: Compression
    /// Certificates for HTTPS endpoints.
    public var tls: TLSConfiguration
    /// The temporality the collector wants, per instrument kind.
    public var temporalityPreference: TemporalityPreference
    /// When to retry: by default the OTLP rules (429, 502, 503, 504 and connection failures, with backoff).
    public var retryPolicy: RetryPolicy
    /// The histogram aggregation `OTEL_EXPORTER_OTLP_METRICS_DEFAULT_HISTOGRAM_AGGREGATION` asks the
    /// `MeterProvider` for; the exporter itself sends whatever histograms it is given.
    public var defaultHistogramAggregation: DefaultHistogramAggregation
    /// True when `OTEL_SDK_DISABLED` is `true`: `OTLPMetricExporter.periodicReader` then makes no reader.
    public var isSDKDisabled: Bool

    /// Creates a configuration in code; every argument has the OpenTelemetry default.
    public init(
        endpoint: String = Self.defaultEndpoint,
        headers: [(name: String, value: String)] = [],
        timeout: Duration = .seconds(10),
        exportProtocol: ExportProtocol = .httpProtobuf,
        compression: Compression = .none,
        tls: TLSConfiguration = TLSConfiguration(),
        temporalityPreference: TemporalityPreference = .cumulative,
        retryPolicy: RetryPolicy = .otlp,
        defaultHistogramAggregation: DefaultHistogramAggregation = .explicitBucketHistogram,
        isSDKDisabled: Bool = false
    ) {
        self.endpoint = endpoint
        self.headers = headers
        self.timeout = timeout
        self.exportProtocol = exportProtocol
        self.compression = compression
        self.tls = tls
        self.temporalityPreference = temporalityPreference
        self.retryPolicy = retryPolicy
        self.defaultHistogramAggregation = defaultHistogramAggregation
        self.isSDKDisabled = isSDKDisabled
    }

    /// Creates a configuration from the OpenTelemetry environment variables, the metrics-specific variant
    /// of each winning over the general one:
    ///
    /// - `OTEL_EXPORTER_OTLP_METRICS_ENDPOINT` (used as is) or `OTEL_EXPORTER_OTLP_ENDPOINT` (with `/v1/metrics` appended)
    /// - `…_HEADERS` (`key=value,…`, percent-encoded), `…_TIMEOUT` (milliseconds), `…_COMPRESSION` (`gzip`, `none`),
    ///   `…_PROTOCOL` (`http/protobuf`, `http/json`), `…_CERTIFICATE`, `…_CLIENT_KEY`, `…_CLIENT_CERTIFICATE`
    /// - `OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE`, `OTEL_EXPORTER_OTLP_METRICS_DEFAULT_HISTOGRAM_AGGREGATION`
    /// - `OTEL_SDK_DISABLED`
    ///
    /// A malformed value is reported once, naming the variable and the default used instead.
    /// `OTEL_METRIC_EXPORT_INTERVAL` and `OTEL_METRIC_EXPORT_TIMEOUT` are read by `periodicReader(environment:)`,
    /// and `OTEL_SERVICE_NAME`, `OTEL_RESOURCE_ATTRIBUTES` and `OTEL_METRICS_EXEMPLAR_FILTER` by the core's `Resource` and `MeterProvider`.
    public init(environment: [String: String]) {
        let reader = OTLPEnvironment(environment)
        self.init(endpoint: Self.defaultEndpoint)
        endpoint = reader.endpoint(default: Self.defaultEndpoint)
        headers = reader.headers()
        timeout = reader.timeout(default: timeout)
        exportProtocol = reader.choice("PROTOCOL", default: exportProtocol)
        compression = reader.choice("COMPRESSION", default: compression)
        tls = TLSConfiguration(
            certificateAuthorityFile: reader.file("CERTIFICATE"),
            clientCertificateFile: reader.file("CLIENT_CERTIFICATE"),
            clientKeyFile: reader.file("CLIENT_KEY")
        )
        temporalityPreference = reader.metricsChoice("OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE", default: temporalityPreference)
        defaultHistogramAggregation = reader.metricsChoice("OTEL_EXPORTER_OTLP_METRICS_DEFAULT_HISTOGRAM_AGGREGATION", default: defaultHistogramAggregation)
        isSDKDisabled = reader.flag("OTEL_SDK_DISABLED", default: false)
    }

    /// The endpoint with any `user:password@` part shown as `****@`, for log lines.
    public var loggableEndpoint: String { URLCredentials.masked(endpoint) }
}
