import Logging
import ServiceLifecycle
import Vernier
import VernierHTTP
import VernierHTTPNIO
import VernierLogging
import VernierTracing

/// The demo's tracing and log correlation: a tracer sharing the metrics' resource, span export to
/// `/v1/traces` when `OTEL_EXPORTER_OTLP_ENDPOINT` (or the traces endpoint) is set, and an API logger whose
/// lines carry the active trace id and are counted by level.
struct DemoTracing {
    let tracer: VernierTracer
    /// The span processor to run as a service; nil when spans are not exported.
    let processor: BatchSpanProcessor?
    let apiLogger: Logger

    init(provider: MeterProvider, environment: [String: String]) throws {
        let selfMeter = provider.meter("vernier-demo.telemetry")
        let exportsSpans = ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"].contains { !(environment[$0] ?? "").isEmpty }
        let configuration = OTLPSpanExporterConfiguration(environment: environment)
        if exportsSpans, !configuration.isDisabled {
            processor = BatchSpanProcessor(
                exporter: OTLPSpanExporter(configuration: configuration),
                configuration: BatchSpanProcessorConfiguration(environment: environment), meter: selfMeter)
        } else {
            processor = nil
        }
        tracer = VernierTracer(resource: provider.resource, sampler: SamplerEnvironment.sampler(environment), processors: processor.map { [$0] } ?? [])
        let records = try LogRecordCounter(meter: selfMeter)
        var logger = Logger(label: "vernier-demo.api") { label in
            CountingLogHandler(wrapping: StreamLogHandler.standardOutput(label: label, metadataProvider: .vernierTrace()), counter: records)
        }
        logger.logLevel = .info
        apiLogger = logger
    }

    /// The HTTP instrumentation of the API server, recording into `meter`.
    func instrumentation(meter: Meter) throws -> HTTPServerInstrumentationHandler.Configuration {
        HTTPServerInstrumentationHandler.Configuration(
            metrics: try HTTPServerMetrics(meter: meter), routes: ShopAPI.routes,
            headerCapture: HTTPHeaderCapture(requestHeaders: ["x-request-id"]), tracer: tracer)
    }
}
