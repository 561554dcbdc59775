import Vernier

/// How a `BatchSpanProcessor` queues and batches: queue bound, batch size and export interval.
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

    /// Reads `OTEL_BSP_MAX_QUEUE_SIZE`, `OTEL_BSP_MAX_EXPORT_BATCH_SIZE` and `OTEL_BSP_SCHEDULE_DELAY`
    /// (milliseconds); a value that is not a positive integer is reported and the default used.
    /// `OTEL_BSP_EXPORT_TIMEOUT` has no effect: each export is bounded by its exporter's own timeout.
    public init(environment: [String: String]) {
        let defaults = BatchSpanProcessorConfiguration()
        self.init(
            maximumQueueSize: Self.positive(environment, "OTEL_BSP_MAX_QUEUE_SIZE", default: defaults.maximumQueueSize),
            maximumExportBatchSize: Self.positive(environment, "OTEL_BSP_MAX_EXPORT_BATCH_SIZE", default: defaults.maximumExportBatchSize),
            scheduleDelay: .milliseconds(Self.positive(environment, "OTEL_BSP_SCHEDULE_DELAY", default: 5000)))
    }

    private static func positive(_ environment: [String: String], _ name: String, default fallback: Int) -> Int {
        guard let raw = environment[name], !raw.isEmpty else { return fallback }
        guard let value = Int(String(Substring(raw).trimmingOptionalWhitespace)), value > 0 else {
            Diagnostics.warn("\(name)='\(raw)' is not a positive integer; using \(fallback)")
            return fallback
        }
        return value
    }
}
