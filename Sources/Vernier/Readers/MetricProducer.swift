/// A source of metrics recorded elsewhere, such as a Prometheus registry or the targets a bridge scrapes, whose
/// data a reader adds to each of its collections, as the OpenTelemetry SDK's `MetricProducer` defines it.
///
/// Give producers to a reader (`PullMetricReader(producers:)`, `PeriodicMetricReader(exporter:producers:)`):
/// every exporter that reader serves then carries their metrics next to the provider's own. What a producer
/// returns is taken as it is: views, cardinality limits and temporality preferences apply only to the
/// provider's instruments, so a producer returns cumulative data as its source keeps it.
public protocol MetricProducer: Sendable {
    /// The metrics to add to one collection.
    ///
    /// - Parameter resource: The provider's resource; metrics returned under it join the provider's own
    ///   group, metrics under any other resource form a group of their own.
    /// - Throws: When the source cannot be read; the collection goes on without this producer and reports it.
    func produce(resource: Resource) throws -> [ResourceMetrics]
}
