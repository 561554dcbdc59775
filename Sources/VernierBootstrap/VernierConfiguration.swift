import Vernier

/// What `VernierService.bootstrap` sets up, as one tree: the resource, metrics, traces, the runtime sampler, the
/// process-wide systems to bootstrap, and a switch that turns it all off.
///
/// ```swift
/// var configuration = VernierConfiguration(resource: Resource(serviceName: "shop"))
/// configuration.metrics.exporters = [.prometheus, .otlp]
/// configuration.metrics.otlp.endpoint = "https://collector:4318"
/// configuration.traces.exporters = [.otlp]
/// configuration.traces.otlp = configuration.metrics.otlp
/// let vernier = VernierService.bootstrap(configuration)
/// ```
///
/// Every setting has a default that works. Each property's documentation names the environment variable that
/// can change it, so an operator can change a deployment without a rebuild; `applyingEnvironment(_:warn:)` lays
/// the variables over the code's values as the OpenTelemetry specification orders them: for the resource the
/// code's attributes win and the variables fill what the code leaves out; for everything else a variable that is
/// set wins over the code.
public struct VernierConfiguration: Sendable {
    /// What produces the telemetry, attached to every metric and span.
    ///
    /// `OTEL_RESOURCE_ATTRIBUTES` (`key=value,…`, percent-encoded) and `OTEL_SERVICE_NAME` fill the attributes the
    /// code leaves out, `service.name` included when the code leaves it at `unknown_service:<process>`; default the
    /// SDK's attributes and `service.name` `unknown_service:<process>`.
    public var resource: Resource
    /// What is measured and where metrics go.
    public var metrics: Metrics
    /// How spans are sampled and where they go.
    public var traces: Traces
    /// The runtime sampler: process, heap and event-loop lag metrics.
    public var runtime: Runtime
    /// Which process-wide systems are bootstrapped onto Vernier.
    public var bootstraps: Bootstraps
    /// How long a graceful shutdown may take for the last collection and every push to finish. No variable;
    /// default 10 s.
    public var shutdownTimeout: Duration
    /// Turns everything into no-ops: nothing is served, pushed or bootstrapped.
    ///
    /// `OTEL_SDK_DISABLED` (`true`, `false`); default `false`.
    public var isDisabled: Bool

    /// Creates a configuration; every argument has the default its property documents.
    public init(
        resource: Resource = Resource(),
        metrics: Metrics = Metrics(),
        traces: Traces = Traces(),
        runtime: Runtime = Runtime(),
        bootstraps: Bootstraps = Bootstraps(),
        shutdownTimeout: Duration = .seconds(10),
        isDisabled: Bool = false
    ) {
        self.resource = resource
        self.metrics = metrics
        self.traces = traces
        self.runtime = runtime
        self.bootstraps = bootstraps
        self.shutdownTimeout = shutdownTimeout
        self.isDisabled = isDisabled
    }
}
