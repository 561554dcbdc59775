import Vernier
import VernierRemoteWrite
import VernierRuntime

/// What `VernierService.bootstrap` sets up. Every option has a default that works; the environment variables in
/// the comments override the code's values, so an operator can change a deployment without a rebuild.
public struct VernierConfiguration: Sendable {
    /// What produces the telemetry. `OTEL_SERVICE_NAME` and `OTEL_RESOURCE_ATTRIBUTES` fill what the code leaves out.
    public var resource: Resource
    /// The metrics exporters; `OTEL_METRICS_EXPORTER` (`prometheus`, `otlp`, `console`, `none`, comma lists).
    public var metricsExporters: [MetricsExporterKind]
    /// The span exporters; `OTEL_TRACES_EXPORTER` (`otlp` or `none`). Spans are still created for exemplars
    /// and log correlation when this is empty.
    public var tracesExporters: [TracesExporterKind]
    /// The address the scrape endpoint binds; `OTEL_EXPORTER_PROMETHEUS_HOST`.
    public var prometheusHost: String
    /// The port of the scrape endpoint, 0 for any free port; `OTEL_EXPORTER_PROMETHEUS_PORT`.
    public var prometheusPort: Int
    /// Whether the `prometheus` exporter listens on its own port; when false, serve `VernierService.scrapeHandler`
    /// from the application's HTTP server (a Vapor or Hummingbird route) instead.
    public var startsMetricsServer: Bool
    /// Remote-write push, on when set; `VERNIER_REMOTE_WRITE_URL` sets the URL (and turns it on),
    /// `VERNIER_REMOTE_WRITE_QUEUE_DIR` the on-disk queue, `VERNIER_REMOTE_WRITE_MAX_SHARDS` the most shards.
    public var remoteWrite: RemoteWriteConfiguration?
    /// How often remote-write pushes; `VERNIER_REMOTE_WRITE_INTERVAL` in seconds.
    public var remoteWriteInterval: Duration
    /// Whether the runtime sampler reports process, heap and event-loop lag metrics; `VERNIER_RUNTIME_METRICS`.
    public var runtimeMetrics: Bool
    /// The event loops whose lag the runtime sampler measures.
    public var lagProbes: [LagProbeTarget]
    /// Changes to what instruments produce, such as other histogram boundaries for a metric.
    public var views: [View]
    /// Whether swift-metrics is bootstrapped with `VernierMetricsFactory`, so libraries' metrics are exported too.
    public var bootstrapsSwiftMetrics: Bool
    /// Whether swift-log is bootstrapped with trace ids in every line's metadata and a `log.records` count.
    public var bootstrapsLogging: Bool
    /// Whether swift-distributed-tracing is bootstrapped with the Vernier tracer.
    public var bootstrapsTracing: Bool
    /// How long a graceful shutdown may take for the last collection and every push to finish.
    public var shutdownTimeout: Duration
    /// Turns everything into no-ops: nothing is served, pushed or bootstrapped; `OTEL_SDK_DISABLED=true`.
    public var isDisabled: Bool

    /// A configuration with the defaults: a scrape endpoint on port 9464, runtime metrics, spans kept local,
    /// and swift-metrics, swift-log and swift-distributed-tracing bootstrapped.
    public init(
        resource: Resource = Resource(),
        metricsExporters: [MetricsExporterKind] = [.prometheus],
        tracesExporters: [TracesExporterKind] = [],
        prometheusHost: String = "localhost",
        prometheusPort: Int = 9464,
        startsMetricsServer: Bool = true,
        remoteWrite: RemoteWriteConfiguration? = nil,
        remoteWriteInterval: Duration = .seconds(15),
        runtimeMetrics: Bool = true,
        lagProbes: [LagProbeTarget] = [.nioSingleton, .globalConcurrencyExecutor],
        views: [View] = [],
        bootstrapsSwiftMetrics: Bool = true,
        bootstrapsLogging: Bool = true,
        bootstrapsTracing: Bool = true,
        shutdownTimeout: Duration = .seconds(10),
        isDisabled: Bool = false
    ) {
        self.resource = resource
        self.metricsExporters = metricsExporters
        self.tracesExporters = tracesExporters
        self.prometheusHost = prometheusHost
        self.prometheusPort = prometheusPort
        self.startsMetricsServer = startsMetricsServer
        self.remoteWrite = remoteWrite
        self.remoteWriteInterval = remoteWriteInterval
        self.runtimeMetrics = runtimeMetrics
        self.lagProbes = lagProbes
        self.views = views
        self.bootstrapsSwiftMetrics = bootstrapsSwiftMetrics
        self.bootstrapsLogging = bootstrapsLogging
        self.bootstrapsTracing = bootstrapsTracing
        self.shutdownTimeout = shutdownTimeout
        self.isDisabled = isDisabled
    }

    /// This configuration with the values `environment` sets in place of the code's. A value that cannot be used
    /// is reported through `warn`, in one line naming the variable and its value (credentials masked) and saying
    /// what is used instead; that is the code's value, or for an exporter list that mixes known and unknown
    /// names, the known ones.
    public func applyingEnvironment(
        _ environment: [String: String], warn: @escaping (String) -> Void = { Diagnostics.warn($0) }
    ) -> VernierConfiguration {
        var result = self
        let variables = EnvironmentVariables(environment, warn: warn)
        if let disabled = variables.flag("OTEL_SDK_DISABLED", keeping: isDisabled) { result.isDisabled = disabled }
        if let text = variables.text("OTEL_METRICS_EXPORTER") {
            result.metricsExporters = ExporterList.parse(text, variable: "OTEL_METRICS_EXPORTER", keeping: metricsExporters, warn: warn)
        }
        if let text = variables.text("OTEL_TRACES_EXPORTER") {
            result.tracesExporters = ExporterList.parse(text, variable: "OTEL_TRACES_EXPORTER", keeping: tracesExporters, warn: warn)
        }
        if let host = variables.text("OTEL_EXPORTER_PROMETHEUS_HOST") { result.prometheusHost = host }
        if let port = variables.integer("OTEL_EXPORTER_PROMETHEUS_PORT", in: 0...65535, keeping: prometheusPort) { result.prometheusPort = port }
        result.remoteWrite = remoteWriteApplying(variables)
        if let seconds = variables.integer("VERNIER_REMOTE_WRITE_INTERVAL", in: 1...86_400, keeping: remoteWriteInterval) {
            result.remoteWriteInterval = .seconds(seconds)
        }
        if let runtime = variables.flag("VERNIER_RUNTIME_METRICS", keeping: runtimeMetrics) { result.runtimeMetrics = runtime }
        return result
    }

    /// `remoteWrite` with the `VERNIER_REMOTE_WRITE_*` variables applied: a valid URL turns it on or replaces
    /// the code's; the queue and shard variables apply only when it is on.
    private func remoteWriteApplying(_ variables: EnvironmentVariables) -> RemoteWriteConfiguration? {
        let instead = remoteWrite.map { "keeping \(URLCredentials.masked($0.url))" } ?? "remote write stays off"
        var result = remoteWrite
        if let url = variables.httpURL("VERNIER_REMOTE_WRITE_URL", instead: instead) {
            if result == nil { result = RemoteWriteConfiguration(url: url) } else { result?.url = url }
        }
        guard var configured = result else {
            for name in ["VERNIER_REMOTE_WRITE_QUEUE_DIR", "VERNIER_REMOTE_WRITE_MAX_SHARDS"] {
                guard let value = variables.text(name) else { continue }
                variables.warn("\(name)=\(EnvironmentVariables.quoted(value)) has no effect: remote write is off (no usable VERNIER_REMOTE_WRITE_URL); ignoring it")
            }
            return nil
        }
        if let directory = variables.text("VERNIER_REMOTE_WRITE_QUEUE_DIR") { configured.queueDirectory = directory }
        guard let shards = variables.integer("VERNIER_REMOTE_WRITE_MAX_SHARDS", in: 1...1000, keeping: configured.maximumShardCount) else {
            return configured
        }
        if shards < configured.minimumShardCount {
            variables.warn("VERNIER_REMOTE_WRITE_MAX_SHARDS='\(shards)' is below the code's minimum of \(configured.minimumShardCount) shards; using \(configured.minimumShardCount)")
        }
        configured.maximumShardCount = max(shards, configured.minimumShardCount)
        return configured
    }
}
