import Vernier

/// The batch span processor's own instruments, as the OpenTelemetry semantic conventions for SDK metrics define
/// them: `otel.sdk.processor.span.processed` (spans handed to the exporter, and with `error.type` the spans
/// dropped instead), `otel.sdk.processor.span.queue.size` and `otel.sdk.processor.span.queue.capacity`. Every
/// series carries the processor's `otel.component.type` (`batching_span_processor`) and `otel.component.name`.
///
/// What becomes of an export is the exporter's to report (`otel.sdk.exporter.span.exported`).
struct SpanProcessorMetrics: Sendable {
    /// Why spans were dropped, the `error.type` of `otel.sdk.processor.span.processed`.
    enum DropReason: String, CaseIterable {
        /// The queue was full when the span ended.
        case queueFull = "queue_full"
        /// The span ended after shutdown.
        case alreadyShutdown = "already_shutdown"
    }

    /// The component type the conventions give the batch span processor.
    static let componentType = "batching_span_processor"

    private let processed: BoundCounter<Int>
    private let dropped: [DropReason: BoundCounter<Int>]

    /// Creates the instruments on `meter`, every series at zero; the queue reports `queueSize()` and `capacity`.
    init(meter: Meter, component: SDKComponent, capacity: Int, queueSize: @escaping @Sendable () -> Int) throws {
        let attributes = component.attributes
        let processedCounter = try meter.counter(
            "otel.sdk.processor.span.processed", unit: "{span}",
            description: "Spans handed to the exporter; those dropped instead carry error.type.")
        processed = processedCounter.bind(attributes)
        dropped = Dictionary(uniqueKeysWithValues: DropReason.allCases.map { reason in
            (reason, processedCounter.bind(attributes.merging(["error.type": .string(reason.rawValue)])))
        })
        try meter.observableUpDownCounter(
            "otel.sdk.processor.span.queue.size", unit: "{span}", description: "Spans waiting in the queue for export.",
            valueType: Int.self) { observer in
            observer.observe(queueSize(), attributes: attributes)
        }
        try meter.observableUpDownCounter(
            "otel.sdk.processor.span.queue.capacity", unit: "{span}", description: "The most spans the queue holds.",
            valueType: Int.self) { observer in
            observer.observe(capacity, attributes: attributes)
        }
    }

    /// Counts spans handed to the exporter, whatever the export's outcome.
    func recordProcessed(_ count: Int) {
        processed.add(count)
    }

    /// Counts spans dropped before they reached the exporter.
    func recordDropped(_ count: Int, reason: DropReason) {
        dropped[reason]?.add(count)
    }
}
