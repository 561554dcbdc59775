import Synchronization
import Vernier
import VernierTransport

/// Pushes metrics to an OpenTelemetry collector over OTLP/HTTP, in protobuf (the default) or JSON.
///
/// ```swift
/// let exporter = OTLPMetricExporter(configuration: OTLPMetricExporterConfiguration(environment: ProcessEnvironment.current))
/// let provider = MeterProvider(readers: [PeriodicMetricReader(exporter: exporter)])
/// ```
///
/// Each export encodes the snapshot, posts it through an `HTTPTransport` with the configured retry policy
/// and timeout, and counts the outcome in its self-metrics. A `partial_success` is logged and its points
/// counted as dropped, never retried. Headers are sent but never logged: their values and the endpoint's
/// credentials go into `SecretRegistry`, so they stay masked even when a collector echoes them back.
public final class OTLPMetricExporter: MetricExporter {
    /// The configuration the exporter was created with.
    public let configuration: OTLPMetricExporterConfiguration
    private let encoder: any OTLPMetricsEncoder
    private let transport: HTTPTransport
    private let headers: [(name: String, value: String)]
    private let selfMetrics = Mutex<OTLPSelfMetrics?>(nil)
    private let isShutDown = Atomic<Bool>(false)

    /// Creates an exporter; nothing connects until the first export.
    public init(configuration: OTLPMetricExporterConfiguration = OTLPMetricExporterConfiguration()) {
        self.configuration = configuration
        self.encoder = configuration.exportProtocol.encoder
        self.transport = HTTPTransport(configuration: HTTPTransport.Configuration(
            userAgent: "Vernier/\(Resource.sdkVersion)",
            connectTimeout: configuration.timeout,
            tls: configuration.tls,
            gzipsRequests: configuration.compression == .gzip
        ))
        let reserved: Set<String> = ["content-type", "content-encoding", "user-agent", "content-length"]
        self.headers = [("Content-Type", encoder.contentType)] + configuration.headers.filter { !reserved.contains($0.name.lowercased()) }
        SecretRegistry.register(headers: configuration.headers)
        SecretRegistry.register(credentialsIn: configuration.endpoint)
    }

    /// A periodic reader for an exporter configured from the environment, with its interval and timeout from
    /// `OTEL_METRIC_EXPORT_INTERVAL` and `OTEL_METRIC_EXPORT_TIMEOUT`; nil when `OTEL_SDK_DISABLED` is `true`.
    public static func periodicReader(environment: [String: String] = ProcessEnvironment.current) -> PeriodicMetricReader? {
        let configuration = OTLPMetricExporterConfiguration(environment: environment)
        guard !configuration.isSDKDisabled else { return nil }
        return PeriodicMetricReader(exporter: OTLPMetricExporter(configuration: configuration), environment: environment)
    }

    public var temporalityPreference: TemporalityPreference { configuration.temporalityPreference }

    public func attachSelfMetrics(to meter: Meter) {
        do {
            let metrics = try OTLPSelfMetrics(meter: meter)
            selfMetrics.withLock { $0 = metrics }
        } catch {
            Diagnostics.warn("the OTLP exporter keeps no self-metrics: \(error)")
        }
    }

    /// Sends `snapshot`; an empty one sends nothing. Throws `OTLPExportError` when it was not delivered.
    public func export(_ snapshot: MetricsSnapshot) async throws {
        let points = snapshot.pointCount
        let metrics = selfMetrics.withLock { $0 }
        guard !isShutDown.load(ordering: .relaxed) else {
            metrics?.recordDropped(points: points, reason: .shutdown)
            throw OTLPExportError.shutDown
        }
        guard points > 0 else { return }

        let body: [UInt8]
        do {
            body = try encoder.encode(snapshot)
        } catch {
            metrics?.recordDropped(points: points, reason: .encoding)
            throw OTLPExportError.encoding(error)
        }

        let clock = ContinuousClock()
        let start = clock.now
        let request = HTTPRequest(url: configuration.endpoint, headers: headers, body: body)
        do {
            let response = try await transport.send(request, policy: configuration.retryPolicy, timeout: configuration.timeout)
            let seconds = (clock.now - start).seconds
            let rejected = PartialSuccess.decode(response.body, contentType: encoder.contentType)
            let rejectedPoints = min(points, Int(clamping: max(0, rejected?.rejectedDataPoints ?? 0)))
            metrics?.recordExport(attempts: response.attempts, seconds: seconds)
            metrics?.recordExported(points: points - rejectedPoints)
            if let rejected {
                metrics?.recordDropped(points: rejectedPoints, reason: .partialSuccess)
                Diagnostics.report(
                    .warning,
                    "the OTLP collector at \(configuration.loggableEndpoint) rejected \(rejected.rejectedDataPoints) data points: \(Diagnostics.sanitized(rejected.errorMessage))",
                    key: "otlp-partial-success")
            }
        } catch {
            metrics?.recordExport(attempts: error.attempts, seconds: (clock.now - start).seconds)
            if case .httpStatus(let status) = error.kind, !configuration.retryPolicy.retryableStatuses.contains(status) {
                metrics?.recordDropped(points: points, reason: .rejected)
            } else {
                metrics?.recordFailed(points: points)
            }
            throw OTLPExportError.transport(error)
        }
    }

    /// Stops exporting and releases the connection; later exports throw `OTLPExportError.shutDown`.
    public func shutdown() async {
        guard !isShutDown.exchange(true, ordering: .relaxed) else { return }
        await transport.shutdown()
    }
}
