/// Sends snapshots somewhere: an OTLP collector, a remote-write store, the console.
///
/// A `PeriodicMetricReader` drives an exporter: it collects with the exporter's temporality preference on
/// an interval and hands over each snapshot. Exporters read only `MetricsSnapshot`, never instruments.
public protocol MetricExporter: Sendable {
    /// The temporality the destination expects.
    var temporalityPreference: TemporalityPreference { get }

    /// Sends one snapshot; throws when it could not be delivered. Called by one reader at a time.
    func export(_ snapshot: MetricsSnapshot) async throws

    /// Delivers anything buffered now.
    func forceFlush() async throws

    /// Delivers anything buffered and releases resources; later exports fail.
    func shutdown() async

    /// Called once when the exporter is attached to a provider, with the meter for its own self-metrics
    /// (`otel.sdk.exporter.*`, and `vernier.sdk.exporter.*` where the conventions have no name). The default does nothing.
    func attachSelfMetrics(to meter: Meter)
}

extension MetricExporter {
    /// The default keeps no self-metrics.
    public func attachSelfMetrics(to meter: Meter) {}

    /// The default has nothing buffered.
    public func forceFlush() async throws {}
}
