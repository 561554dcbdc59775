/// A parser of outside input, run on arbitrary bytes by libFuzzer (`make fuzz`) and on every saved input by the
/// tests: any input must give a value or a typed error, never a crash, a hang or unbounded memory.
package enum FuzzTarget: String, CaseIterable, Sendable {
    /// A scraped body in the Prometheus text format, parsed and mapped to metrics as the bridge does.
    case expositionText = "exposition-text"
    /// A scraped body in OpenMetrics, parsed and mapped.
    case expositionOpenMetrics = "exposition-openmetrics"
    /// A scraped body in the protobuf format (delimited `MetricFamily` messages), parsed and mapped.
    case expositionProtobuf = "exposition-protobuf"
    /// `traceparent` and `tracestate` headers: the first line and the rest.
    case traceContext = "trace-context"
    /// Bytes as they arrive at an HTTP server, through SwiftNIO's decoder to what Vernier reads of each request
    /// head: the scrape path, `Accept`, `Accept-Encoding` and the scrape timeout, route templates, captured headers.
    case httpRequest = "http-request"
    /// `OTEL_*` and `VERNIER_*` values, read into a configuration.
    case environment
    /// A remote-write queue file as a crash or a foreign program may leave it.
    case queueFile = "queue-file"
    /// A `Retry-After` header.
    case retryAfter = "retry-after"
    /// An OTLP response body, protobuf and JSON, for metrics and traces, read for its partial success.
    case otlpResponse = "otlp-response"

    /// Runs the target on `bytes`.
    package func run(_ bytes: [UInt8]) {
        switch self {
        case .expositionText: Self.parseExposition(bytes, format: .prometheusText)
        case .expositionOpenMetrics: Self.parseExposition(bytes, format: .openMetrics)
        case .expositionProtobuf: Self.parseProtobufExposition(bytes)
        case .traceContext: Self.parseTraceContext(bytes)
        case .httpRequest: Self.readHTTPRequests(bytes)
        case .environment: Self.applyEnvironment(bytes)
        case .queueFile: Self.readQueueFile(bytes)
        case .retryAfter: Self.parseRetryAfter(bytes)
        case .otlpResponse: Self.readOTLPResponse(bytes)
        }
    }
}
