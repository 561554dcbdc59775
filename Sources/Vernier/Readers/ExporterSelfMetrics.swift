/// A push exporter's own instruments, as the OpenTelemetry SDK self-observability conventions define them, for
/// any item: `otel.sdk.exporter.<item>.inflight` and `.exported` (`metric_data_point` or `span`), and
/// `otel.sdk.exporter.operation.duration`. Every series carries the exporter's `otel.component.type` and
/// `otel.component.name`; failures add `error.type`, and durations the receiver's answer
/// (`http.response.status_code`, or `rpc.grpc.status_code` over gRPC).
package struct ExporterSelfMetrics: Sendable {
    private let component: Attributes
    private let inflight: BoundUpDownCounter<Int>
    private let exported: Counter<Int>
    private let delivered: BoundCounter<Int>
    private let duration: Histogram<Double>

    /// Creates the instruments on `meter`, the in-flight and delivered series at zero, so that dashboards show 0
    /// rather than no data until the first export.
    package init(meter: Meter, item: String, unit: String, component: SDKComponent) throws {
        self.component = component.attributes
        inflight = try meter.sdkExporterInflight(item: item, unit: unit).bind(self.component)
        exported = try meter.sdkExporterExported(item: item, unit: unit)
        delivered = exported.bind(self.component)
        duration = try meter.sdkExporterOperationDuration()
    }

    /// Counts `count` items handed to an export.
    package func begin(_ count: Int) {
        inflight.add(count)
    }

    /// Records the end of an export of `count` items, `failed` of them not delivered because of `errorType`, and its
    /// time, with the status of the collector's last answer when there was one, such as `http.response.status_code`.
    package func end(_ count: Int, failed: Int, errorType: String?, status: Attribute?, seconds: Double) {
        inflight.add(-count)
        delivered.add(count - failed)
        var attributes = component
        if let errorType {
            attributes = attributes.merging(["error.type": .string(errorType)])
            if failed > 0 { exported.add(failed, attributes: attributes) }
        }
        if let status { attributes = attributes.merging(Attributes([status])) }
        duration.record(seconds, attributes: attributes)
    }
}

extension Attribute {
    /// `http.response.status_code`, the answer of an HTTP receiver in exporters' self-metrics.
    package static func httpStatus(_ status: Int) -> Attribute {
        Attribute(key: "http.response.status_code", value: .int(Int64(status)))
    }
}
