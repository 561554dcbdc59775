import Logging
import ServiceLifecycle
import Vernier
import VernierPrometheus
import VernierServer
import Tracing

/// Vernier set up in one call: metrics, their exporters, the runtime sampler and the tracer, run as one
/// ServiceLifecycle `Service`.
///
/// ```swift
/// let vernier = try VernierService.bootstrap(VernierConfiguration(resource: Resource(serviceName: "shop")))
/// let orders = try vernier.meter("shop.orders").counter("shop.orders.placed")
/// let group = ServiceGroup(services: [vernier, app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
/// try await group.run()
/// ```
///
/// On graceful shutdown the parts stop in this order, within `VernierConfiguration.shutdownTimeout`: the scrape
/// endpoint stops answering, the runtime sampler stops, then every pusher (OTLP, remote-write, console, spans)
/// takes a last collection and delivers it, so the points of the last interval are not lost.
public final class VernierService: Service, Sendable {
    /// The configuration in effect, the environment applied.
    public let configuration: VernierConfiguration
    /// Where instruments are created; it has no readers (and costs nearly nothing) when Vernier is disabled.
    public let meterProvider: MeterProvider
    /// The tracer that creates spans, exemplars' trace ids and the ids in log lines; a no-op one when disabled.
    public let tracer: any Tracer
    /// Answers Prometheus scrapes, when the `prometheus` exporter is selected: route an application's own
    /// `/metrics` requests to it when `metrics.prometheus.startsServer` is false.
    public let scrapeHandler: ScrapeHandler?
    /// The scrape endpoint's own listener, when the `prometheus` exporter is selected and `metrics.prometheus.startsServer`.
    public let metricsServer: MetricsServer?
    /// One line per part, saying what it does and where it sends, for a start-up log line.
    public let summary: [String]
    /// The long-running parts, in start order; graceful shutdown stops them in reverse.
    private let parts: [any Service]
    private let logger: Logger

    init(configuration: VernierConfiguration, assembly: VernierAssembly) {
        self.configuration = configuration
        meterProvider = assembly.meterProvider
        tracer = assembly.tracer
        scrapeHandler = assembly.scrapeHandler
        metricsServer = assembly.metricsServer
        parts = assembly.services
        summary = assembly.summary
        logger = Logger(label: "vernier")
    }

    /// Sets Vernier up from `configuration` with `environment` laid over it (see `VernierConfiguration.applyingEnvironment`), and
    /// bootstraps swift-metrics, swift-log and swift-distributed-tracing as the configuration asks. Those three
    /// can be bootstrapped once per process: a second call leaves them as they are, with a warning.
    ///
    /// Nothing is bound or started until `run()`.
    public static func bootstrap(
        _ configuration: VernierConfiguration = VernierConfiguration(),
        environment: [String: String] = ProcessEnvironment.current
    ) -> VernierService {
        let resolved = configuration.applyingEnvironment(environment)
        let assembly = VernierAssembly(configuration: resolved)
        assembly.bootstrapProcessWideSystems(resolved)
        return VernierService(configuration: resolved, assembly: assembly)
    }

    /// The meter for an instrumentation scope, from `meterProvider`.
    public func meter(_ name: String, version: String? = nil) -> Meter {
        meterProvider.meter(name, version: version)
    }

    /// Runs every part until a graceful shutdown or cancellation; then stops them in order, pushing what is left.
    public func run() async throws {
        guard !parts.isEmpty else {
            try? await gracefulShutdown()
            return
        }
        let group = ServiceGroup(configuration: groupConfiguration())
        try await withGracefulShutdownHandler {
            try await group.run()
        } onGracefulShutdown: {
            Task { await group.triggerGracefulShutdown() }
        }
    }

    private func groupConfiguration() -> ServiceGroupConfiguration {
        var group = ServiceGroupConfiguration(
            services: parts.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
            gracefulShutdownSignals: [], cancellationSignals: [], logger: logger)
        group.maximumGracefulShutdownDuration = configuration.shutdownTimeout
        return group
    }
}
