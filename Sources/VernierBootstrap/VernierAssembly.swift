import CoreMetrics
import Instrumentation
import Logging
import ServiceLifecycle
import Tracing
import Vernier
import VernierConcurrency
import VernierLogging
import VernierOTLP
import VernierPrometheus
import VernierRemoteWrite
import VernierRuntime
import VernierServer
import VernierSwiftMetrics
import VernierTracing

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

    init(configuration: VernierConfiguration) {
        let metrics = configuration.metrics
        guard !configuration.isDisabled else {
            meterProvider = MeterProvider(resource: configuration.resource, views: metrics.views, exemplarFilter: metrics.exemplarFilter)
            (tracer, scrapeHandler, metricsServer, services, summary) = (NoOpTracer(), nil, nil, [], ["disabled (OTEL_SDK_DISABLED): nothing is collected or sent"])
            return
        }
        var readers: [any MetricReader] = []
        var pushers: [any Service] = []
        var handler: ScrapeHandler?
        var summary: [String] = []
        for selection in metrics.exporters {
            switch selection {
            case .prometheus:
                let reader = PullMetricReader()
                readers.append(reader)
                handler = ScrapeHandler(reader: reader)
                summary.append(metrics.prometheus.startsServer
                    ? "metrics: Prometheus scrape endpoint on \(metrics.prometheus.host):\(metrics.prometheus.port)/metrics"
                    : "metrics: Prometheus scrapes through the application's own HTTP server")
            case .otlp:
                let exporter = OTLPMetricExporter(configuration: metrics.otlp, temporalityPreference: metrics.temporalityPreference)
                readers.append(Self.pushing(to: exporter, every: metrics, into: &pushers))
                summary.append("metrics: OTLP (\(metrics.otlp.exportProtocol)) to \(URLCredentials.masked(exporter.endpoint)) every \(metrics.exportInterval)")
            case .console:
                readers.append(Self.pushing(to: ConsoleMetricExporter(), every: metrics, into: &pushers))
                summary.append("metrics: console every \(metrics.exportInterval)")
            default:
                break
            }
        }
        if let remoteWrite = metrics.remoteWrite {
            let reader = PeriodicMetricReader(exporter: RemoteWriteExporter(configuration: remoteWrite), interval: metrics.remoteWriteInterval)
            readers.append(reader)
            pushers.append(reader)
            summary.append("metrics: remote-write to \(URLCredentials.masked(remoteWrite.url)) every \(reader.interval)"
                + (remoteWrite.queueDirectory.map { ", queueing in \($0)" } ?? ""))
        }
        if let pushgateway = metrics.pushgateway {
            // Without an interval the reader's only export is its last, at shutdown: a year stands for never.
            let reader = PeriodicMetricReader(
                exporter: PushgatewayExporter(configuration: pushgateway), interval: pushgateway.pushInterval ?? .seconds(365 * 86_400),
                timeout: pushgateway.timeout)
            readers.append(reader)
            pushers.append(reader)
            summary.append("metrics: Pushgateway group \(URLCredentials.masked(pushgateway.url)) job \(pushgateway.job), "
                + (pushgateway.pushInterval.map { "every \($0) and " } ?? "") + "at shutdown")
        }
        meterProvider = MeterProvider(
            resource: configuration.resource, views: metrics.views, readers: readers, exemplarFilter: metrics.exemplarFilter,
            cardinalityLimit: metrics.cardinalityLimit, defaultHistogramAggregation: metrics.defaultHistogramAggregation,
            callbackTimeout: metrics.callbackTimeout)
        let selfMeter = meterProvider.meter("vernier", version: Resource.sdkVersion)
        let server = handler.flatMap { handler in
            metrics.prometheus.startsServer
                ? MetricsServer(host: metrics.prometheus.host, port: metrics.prometheus.port, scrapeHandler: handler, meter: selfMeter)
                : nil
        }

        var spanProcessors: [any SpanProcessor] = []
        if configuration.traces.exporters.contains(.otlp) {
            let exporter = OTLPSpanExporter(configuration: configuration.traces.otlp)
            exporter.attachSelfMetrics(to: selfMeter)
            let processor = BatchSpanProcessor(exporter: exporter, configuration: configuration.traces.batching, meter: selfMeter)
            spanProcessors.append(processor)
            pushers.append(processor)
            summary.append("traces: OTLP (\(configuration.traces.otlp.exportProtocol)) to \(URLCredentials.masked(exporter.endpoint))")
        }
        tracer = VernierTracer(resource: meterProvider.resource, sampler: configuration.traces.sampler, processors: spanProcessors)
        let runtime = configuration.runtime
        let sampler: [any Service] = runtime.isEnabled ? [RuntimeSampler(meterProvider: meterProvider, lagProbes: runtime.lagProbes)] : []
        if runtime.isEnabled { summary.append("runtime: process, heap and event-loop lag metrics") }
        scrapeHandler = handler
        metricsServer = server
        services = pushers + sampler + (server.map { [$0] } ?? [])
        self.summary = summary.map { Diagnostics.sanitized($0, limit: Diagnostics.lineLimit) }
    }

    /// A periodic reader pushing to `exporter` on the metrics' export interval and timeout, added to `pushers`.
    private static func pushing(
        to exporter: any MetricExporter, every metrics: VernierConfiguration.Metrics, into pushers: inout [any Service]
    ) -> PeriodicMetricReader {
        let reader = PeriodicMetricReader(exporter: exporter, interval: metrics.exportInterval, timeout: metrics.exportTimeout)
        pushers.append(reader)
        return reader
    }

    /// Bootstraps swift-metrics, swift-log and swift-distributed-tracing as `configuration` asks, each at most
    /// once per process.
    func bootstrapProcessWideSystems(_ configuration: VernierConfiguration) {
        guard !configuration.isDisabled else { return }
        if configuration.bootstraps.swiftMetrics {
            ProcessWideBootstrap.once("swift-metrics") {
                MetricsSystem.bootstrap(VernierMetricsFactory(meterProvider: meterProvider))
            }
        }
        if configuration.bootstraps.swiftLog {
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
        if configuration.bootstraps.distributedTracing {
            ProcessWideBootstrap.once("swift-distributed-tracing") {
                InstrumentationSystem.bootstrap(tracer)
            }
        }
    }
}

/// Remembers which process-wide systems were bootstrapped: each library allows it only once per process.
enum ProcessWideBootstrap {
    private static let done = MutexBox<Set<String>>([])

    static func once(_ system: String, _ body: () -> Void) {
        let first = done.withLock { $0.insert(system).inserted }
        guard first else {
            Diagnostics.warn("\(system) was already bootstrapped by Vernier in this process; left as it is")
            return
        }
        body()
    }
}
