import CoreMetrics
import Instrumentation
import Logging
import ServiceLifecycle
import Synchronization
import Tracing
import Vernier
import VernierLogging
import VernierOTLP
import VernierPrometheus
import VernierRemoteWrite
import VernierRuntime
import VernierServer
import VernierSwiftMetrics
import VernierTracing
import VernierTransport

/// The parts a `VernierConfiguration` asks for, built and wired together but not yet running.
struct VernierAssembly {
    let meterProvider: MeterProvider
    let tracer: any Tracer
    let scrapeHandler: ScrapeHandler?
    let metricsServer: MetricsServer?
    /// In start order: pushers first, then the runtime sampler, then the scrape endpoint, so that graceful
    /// shutdown (in reverse) stops scraping first and pushes last.
    let services: [any Service]
    /// One line per part, saying what it does and where it sends; credentials masked as in every log line.
    let summary: [String]

    init(configuration: VernierConfiguration, environment: [String: String]) {
        guard !configuration.isDisabled else {
            meterProvider = MeterProvider(resource: configuration.resource, views: configuration.views)
            (tracer, scrapeHandler, metricsServer, services, summary) = (NoOpTracer(), nil, nil, [], ["disabled (OTEL_SDK_DISABLED): nothing is collected or sent"])
            return
        }
        var readers: [any MetricReader] = []
        var pushers: [any Service] = []
        var handler: ScrapeHandler?
        var server: MetricsServer?
        var summary: [String] = []
        for kind in configuration.metricsExporters {
            switch kind {
            case .prometheus:
                let reader = PullMetricReader()
                readers.append(reader)
                let scrapes = ScrapeHandler(reader: reader)
                handler = scrapes
                if configuration.startsMetricsServer {
                    summary.append("metrics: Prometheus scrape endpoint on \(configuration.prometheusHost):\(configuration.prometheusPort)/metrics")
                } else {
                    summary.append("metrics: Prometheus scrapes through the application's own HTTP server")
                }
            case .otlp:
                let otlp = OTLPMetricExporterConfiguration(environment: environment)
                let reader = Self.pushing(to: OTLPMetricExporter(configuration: otlp), environment: environment, into: &pushers)
                readers.append(reader)
                summary.append("metrics: OTLP (\(otlp.exportProtocol.rawValue)) to \(otlp.loggableEndpoint) every \(reader.interval)")
            case .console:
                let reader = Self.pushing(to: ConsoleMetricExporter(), environment: environment, into: &pushers)
                readers.append(reader)
                summary.append("metrics: console every \(reader.interval)")
            }
        }
        if let remoteWrite = configuration.remoteWrite {
            let reader = PeriodicMetricReader(exporter: RemoteWriteExporter(configuration: remoteWrite), interval: configuration.remoteWriteInterval)
            readers.append(reader)
            pushers.append(reader)
            summary.append("metrics: remote-write to \(URLCredentials.masked(remoteWrite.url)) every \(reader.interval)"
                + (remoteWrite.queueDirectory.map { ", queueing in \($0)" } ?? ""))
        }
        meterProvider = MeterProvider(resource: configuration.resource, views: configuration.views, readers: readers)
        if let handler, configuration.startsMetricsServer {
            server = MetricsServer(host: configuration.prometheusHost, port: configuration.prometheusPort, scrapeHandler: handler,
                                   meter: meterProvider.meter("vernier", version: Resource.sdkVersion))
        }

        var spanProcessors: [any SpanProcessor] = []
        for kind in configuration.tracesExporters {
            switch kind {
            case .otlp:
                let spans = OTLPSpanExporterConfiguration(environment: environment)
                let processor = BatchSpanProcessor(
                    exporter: OTLPSpanExporter(configuration: spans),
                    configuration: BatchSpanProcessorConfiguration(environment: environment),
                    meter: meterProvider.meter("vernier", version: Resource.sdkVersion))
                spanProcessors.append(processor)
                pushers.append(processor)
                summary.append("traces: OTLP to \(URLCredentials.masked(spans.endpoint))")
            }
        }
        tracer = VernierTracer(resource: meterProvider.resource, sampler: SamplerEnvironment.sampler(environment), processors: spanProcessors)
        let runtime: [any Service] = configuration.runtimeMetrics
            ? [RuntimeSampler(meterProvider: meterProvider, lagProbes: configuration.lagProbes)] : []
        if configuration.runtimeMetrics { summary.append("runtime: process, heap and event-loop lag metrics") }
        scrapeHandler = handler
        metricsServer = server
        services = pushers + runtime + (server.map { [$0] } ?? [])
        self.summary = summary.map { Diagnostics.sanitized($0, limit: Diagnostics.lineLimit) }
    }

    private static func pushing(to exporter: any MetricExporter, environment: [String: String], into pushers: inout [any Service]) -> PeriodicMetricReader {
        let reader = PeriodicMetricReader(exporter: exporter, environment: environment)
        pushers.append(reader)
        return reader
    }

    /// Bootstraps swift-metrics, swift-log and swift-distributed-tracing as `configuration` asks, each at most
    /// once per process.
    func bootstrapProcessWideSystems(_ configuration: VernierConfiguration) {
        guard !configuration.isDisabled else { return }
        if configuration.bootstrapsSwiftMetrics {
            ProcessWideBootstrap.once("swift-metrics") {
                MetricsSystem.bootstrap(VernierMetricsFactory(meterProvider: meterProvider))
            }
        }
        if configuration.bootstrapsLogging {
            ProcessWideBootstrap.once("swift-log") {
                let records: LogRecordCounter?
                do {
                    records = try LogRecordCounter(meter: meterProvider.meter("vernier", version: Resource.sdkVersion))
                } catch {
                    Diagnostics.warn("log records are not counted: \(error)")
                    records = nil
                }
                LoggingSystem.bootstrap { label in
                    let lines = StreamLogHandler.standardOutput(label: label, metadataProvider: .vernierTrace())
                    return records.map { CountingLogHandler(wrapping: lines, counter: $0) } ?? lines
                }
                let logger = Logger(label: "vernier")
                Diagnostics.setHandler { level, message in
                    logger.log(level: level == .error ? .error : .warning, "\(message)")
                }
            }
        }
        if configuration.bootstrapsTracing {
            ProcessWideBootstrap.once("swift-distributed-tracing") {
                InstrumentationSystem.bootstrap(tracer)
            }
        }
    }
}

/// Remembers which process-wide systems were bootstrapped: each library allows it only once per process.
enum ProcessWideBootstrap {
    private static let done = Mutex<Set<String>>([])

    static func once(_ system: String, _ body: () -> Void) {
        let first = done.withLock { $0.insert(system).inserted }
        guard first else {
            Diagnostics.warn("\(system) was already bootstrapped by Vernier in this process; left as it is")
            return
        }
        body()
    }
}
