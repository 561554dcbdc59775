/// The instruments the OpenTelemetry semantic conventions define for SDK components, defined once, so that
/// every exporter and reader registering one on the same meter gets the same instrument.
extension Meter {
    /// `otel.sdk.exporter.<item>.inflight`: items handed to an exporter whose export has not finished, such as
    /// `metric_data_point` in `{data_point}`.
    package func sdkExporterInflight(item: String, unit: String) throws -> UpDownCounter<Int> {
        try upDownCounter("otel.sdk.exporter.\(item).inflight", unit: unit,
                          description: "Items handed to the exporter whose export has not finished yet.")
    }

    /// `otel.sdk.exporter.<item>.exported`: items whose export finished, with `error.type` on those not delivered.
    package func sdkExporterExported(item: String, unit: String) throws -> Counter<Int> {
        try counter("otel.sdk.exporter.\(item).exported", unit: unit,
                    description: "Items whose export finished; those not delivered carry error.type.")
    }

    /// `otel.sdk.exporter.operation.duration`: one export operation from its first attempt to its outcome.
    package func sdkExporterOperationDuration() throws -> Histogram<Double> {
        try histogram("otel.sdk.exporter.operation.duration", unit: "s",
                      description: "Time taken by each export, retries included.", boundaries: HistogramBoundaries.durationSeconds)
    }

    /// `otel.sdk.metric_reader.collection.duration`: one collection of every instrument by a reader.
    package func sdkReaderCollectionDuration() throws -> Histogram<Double> {
        try histogram("otel.sdk.metric_reader.collection.duration", unit: "s",
                      description: "Time taken by each collection of the metric reader.", boundaries: HistogramBoundaries.durationSeconds)
    }
}
