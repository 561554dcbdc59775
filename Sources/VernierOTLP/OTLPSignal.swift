/// A kind of telemetry an OTLP exporter sends: where it goes and how the exporter counts it in its self-metrics.
public struct OTLPSignal: Sendable, Hashable, CustomStringConvertible {
    /// The last part of the signal's path, `metrics` in `/v1/metrics`.
    package let name: String
    /// What one exported item is called in the self-metrics' names, `metric_data_point` in
    /// `otel.sdk.exporter.metric_data_point.exported`.
    let item: String
    /// The unit of the self-metrics' item counts, such as `{data_point}`.
    let itemUnit: String
    /// The signal in `otel.component.type`, `metric` in `otlp_http_metric_exporter`.
    let componentSignal: String
    /// How log lines name the items, such as `data points`.
    let itemsNoun: String
    /// The gRPC method that exports the signal, `opentelemetry.proto.collector.metrics.v1.MetricsService/Export`.
    var grpcMethod: String {
        "opentelemetry.proto.collector.\(name == "metrics" ? "metrics.v1.MetricsService" : "trace.v1.TraceService")/Export"
    }

    /// Metric data points, sent to `/v1/metrics`.
    public static let metrics = OTLPSignal(
        name: "metrics", item: "metric_data_point", itemUnit: "{data_point}", componentSignal: "metric", itemsNoun: "data points")
    /// Spans, sent to `/v1/traces`.
    public static let traces = OTLPSignal(name: "traces", item: "span", itemUnit: "{span}", componentSignal: "span", itemsNoun: "spans")

    /// The signal's name, as in its path: `metrics` or `traces`.
    public var description: String { name }
}
