/// How a `BatchSpanProcessor` queues and batches: queue bound, batch size and export interval.
/// `VernierService.bootstrap` reads `OTEL_BSP_MAX_QUEUE_SIZE`, `OTEL_BSP_MAX_EXPORT_BATCH_SIZE` and `OTEL_BSP_SCHEDULE_DELAY` into it.
public struct BatchSpanProcessorConfiguration: Sendable, Hashable {
    /// The most spans waiting for export; spans ending while it is full are dropped and counted.
    public var maximumQueueSize: Int
    /// The most spans per export request; a full batch is exported without waiting for the interval.
    public var maximumExportBatchSize: Int
    /// The longest a span waits before the processor exports.
    public var scheduleDelay: Duration

    /// Creates a configuration; the defaults are OpenTelemetry's: 2048 spans, batches of 512, every 5 s.
    public init(maximumQueueSize: Int = 2048, maximumExportBatchSize: Int = 512, scheduleDelay: Duration = .seconds(5)) {
        self.maximumQueueSize = max(1, maximumQueueSize)
        self.maximumExportBatchSize = min(max(1, maximumExportBatchSize), self.maximumQueueSize)
        self.scheduleDelay = scheduleDelay
    }
}
