import Synchronization
import Vernier
import VernierTracing
import VernierTransport

/// Sends spans to an OpenTelemetry collector's `/v1/traces` over OTLP/HTTP protobuf, through the shared
/// libcurl transport with the OTLP retry policy.
///
/// ```swift
/// let exporter = OTLPSpanExporter(configuration: OTLPSpanExporterConfiguration(environment: ProcessEnvironment.current))
/// let processor = BatchSpanProcessor(exporter: exporter)
/// ```
///
/// An export that is not delivered throws `OTLPExportError`; the batch processor counts its spans as dropped.
/// A collector's `partial_success` is logged. Header values are sent but never logged: they and the endpoint's
/// credentials go into `SecretRegistry`, so they stay masked even when a collector echoes them back.
public final class OTLPSpanExporter: SpanExporter {
    /// The configuration the exporter was created with.
    public let configuration: OTLPSpanExporterConfiguration
    private let encoder = OTLPSpanEncoder()
    private let transport: HTTPTransport
    private let headers: [(name: String, value: String)]
    private let isShutDown = Atomic<Bool>(false)

    /// Creates an exporter; nothing connects until the first export.
    public init(configuration: OTLPSpanExporterConfiguration = OTLPSpanExporterConfiguration()) {
        self.configuration = configuration
        transport = HTTPTransport(configuration: HTTPTransport.Configuration(
            userAgent: "Vernier/\(Resource.sdkVersion)",
            connectTimeout: configuration.timeout,
            tls: configuration.tls,
            gzipsRequests: configuration.compression == .gzip))
        let reserved: Set<String> = ["content-type", "content-encoding", "user-agent", "content-length"]
        headers = [("Content-Type", encoder.contentType)] + configuration.headers.filter { !reserved.contains($0.name.lowercased()) }
        SecretRegistry.register(headers: configuration.headers)
        SecretRegistry.register(credentialsIn: configuration.endpoint)
    }

    public func export(_ spans: [FinishedSpan]) async throws {
        guard !isShutDown.load(ordering: .relaxed) else { throw OTLPExportError.shutDown }
        guard !spans.isEmpty else { return }
        let body: [UInt8]
        do {
            body = try encoder.encode(spans)
        } catch {
            throw OTLPExportError.encoding(error)
        }
        let response: HTTPResponse
        do {
            response = try await transport.send(
                HTTPRequest(url: configuration.endpoint, headers: headers, body: body),
                policy: configuration.retryPolicy, timeout: configuration.timeout)
        } catch {
            throw OTLPExportError.transport(error)
        }
        if let rejection = TracePartialSuccess.decode(response.body) {
            Diagnostics.report(.warning, "the OTLP collector rejected \(rejection.rejectedSpans) spans: \(Diagnostics.sanitized(rejection.errorMessage))",
                               key: "otlp-traces-partial-success")
        }
    }

    public func shutdown() async {
        guard !isShutDown.exchange(true, ordering: .relaxed) else { return }
        await transport.shutdown()
    }
}
