import ServiceLifecycle
import Synchronization
import Vernier
import VernierConcurrency

/// Queues sampled spans as they end and exports them in batches, off the threads that end them.
///
/// The queue is bounded: a span ending while it is full is dropped and counted, never blocking the caller.
/// Run the processor as a ServiceLifecycle `Service` (or call `run()` in a task): it exports every
/// `scheduleDelay`, and as soon as a full batch is waiting. On graceful shutdown or cancellation it exports
/// everything still queued and shuts the exporter down. Spans that were recorded but not sampled are never
/// exported. Exports never overlap.
public final class BatchSpanProcessor: SpanProcessor, Service {
    /// The configuration the processor was created with.
    public let configuration: BatchSpanProcessorConfiguration
    private let exporter: any SpanExporter
    private let queue: SpanQueue
    private let wakeup = Wakeup()
    private let exportLock = AsyncLock()
    private let droppedTotal = Atomic<Int>(0)
    private let metrics: SpanProcessorMetrics?

    /// Creates a processor exporting through `exporter`.
    /// - Parameters:
    ///   - exporter: Where batches of ended spans go.
    ///   - configuration: Queue size, batch size and delay.
    ///   - meter: Where to count the spans handed to the exporter and those dropped, and to report the queue's size
    ///     and capacity (`otel.sdk.processor.span.*`, component `batching_span_processor/<n>`); none when nil.
    public init(exporter: any SpanExporter, configuration: BatchSpanProcessorConfiguration = BatchSpanProcessorConfiguration(), meter: Meter? = nil) {
        self.exporter = exporter
        self.configuration = configuration
        let queue = SpanQueue(capacity: configuration.maximumQueueSize)
        self.queue = queue
        do {
            metrics = try meter.map { meter in
                try SpanProcessorMetrics(
                    meter: meter, component: SDKComponent(type: SpanProcessorMetrics.componentType), capacity: queue.capacity
                ) { queue.count }
            }
        } catch {
            Diagnostics.warn("the batch span processor keeps no self-metrics: \(error)")
            metrics = nil
        }
    }

    /// How many spans were dropped so far, for any reason.
    public var droppedSpanCount: Int { droppedTotal.load(ordering: .relaxed) }

    /// How many spans are waiting for export.
    public var queuedCount: Int { queue.count }

    public func onEnd(_ span: FinishedSpan) {
        guard span.context.isSampled else { return }
        switch queue.offer(span) {
        case .queued(let length):
            if length >= configuration.maximumExportBatchSize { wakeup.signal() }
        case .full:
            drop(1, .queueFull)
            Diagnostics.report(.warning, "the span queue is full (\(queue.capacity) spans); dropping spans", key: "batch-span-processor/full")
        case .closed:
            drop(1, .alreadyShutdown)
        }
    }

    /// Exports on the schedule until graceful shutdown or cancellation, then flushes and shuts down.
    public func run() async throws {
        let stopping = Atomic<Bool>(false)
        await withGracefulShutdownHandler {
            while !Task.isCancelled, !stopping.load(ordering: .relaxed), !queue.isClosed {
                await wakeup.wait(timeout: configuration.scheduleDelay)
                await exportQueued(untilEmpty: false)
            }
        } onGracefulShutdown: {
            stopping.store(true, ordering: .relaxed)
            self.wakeup.signal()
        }
        // The final export runs in a task of its own so that the cancellation of `run` does not abort it.
        await Task { await self.shutdown() }.value
    }

    public func forceFlush() async {
        await exportQueued(untilEmpty: true)
    }

    public func shutdown() async {
        guard queue.close() else { return }
        wakeup.signal()
        await exportQueued(untilEmpty: true)
        await exporter.shutdown()
    }

    /// Exports one batch, and more while full batches wait; everything queued when `untilEmpty` is true.
    private func exportQueued(untilEmpty: Bool) async {
        let batchSize = configuration.maximumExportBatchSize
        await exportLock.withLock {
            while true {
                let (batch, remaining) = queue.take(upTo: batchSize)
                guard !batch.isEmpty else { return }
                metrics?.recordProcessed(batch.count)
                do {
                    try await exporter.export(batch)
                } catch {
                    droppedTotal.add(batch.count, ordering: .relaxed)
                    Diagnostics.report(.error, "span export failed: \(error)", key: "batch-span-processor/export")
                }
                if remaining == 0 || (!untilEmpty && remaining < batchSize) { return }
            }
        }
    }

    private func drop(_ count: Int, _ reason: SpanProcessorMetrics.DropReason) {
        droppedTotal.add(count, ordering: .relaxed)
        metrics?.recordDropped(count, reason: reason)
    }
}
