import Vernier

/// The batch span processor's own instruments, so dashboards show spans exported and lost.
struct SpanProcessorMetrics: Sendable {
    /// Why spans were given up, the `reason` attribute of `vernier.tracing.spans.dropped`.
    enum DropReason: String, CaseIterable {
        /// The queue was full when the span ended.
        case queueFull = "queue_full"
        /// The span ended after shutdown.
        case shutdown
        /// The exporter failed to deliver the batch.
        case exportFailed = "export_failed"
    }

    private let exported: BoundCounter<Int>
    private let dropped: [DropReason: BoundCounter<Int>]

    init(meter: Meter, queueLength: @escaping @Sendable () -> Int) throws {
        exported = try meter.counter("vernier.tracing.spans.exported", unit: "{span}",
                                     description: "Spans the exporter delivered.").bind()
        let droppedCounter = try meter.counter("vernier.tracing.spans.dropped", unit: "{span}",
                                               description: "Spans given up, by reason.")
        var dropped: [DropReason: BoundCounter<Int>] = [:]
        for reason in DropReason.allCases {
            dropped[reason] = droppedCounter.bind(["reason": .string(reason.rawValue)])
        }
        self.dropped = dropped
        try meter.observableUpDownCounter("vernier.tracing.queue.length", unit: "{span}",
                                          description: "Spans waiting for export.", valueType: Int.self) { observer in
            observer.observe(queueLength())
        }
    }

    func recordExported(_ count: Int) {
        exported.add(count)
    }

    func recordDropped(_ count: Int, reason: DropReason) {
        dropped[reason]?.add(count)
    }
}
