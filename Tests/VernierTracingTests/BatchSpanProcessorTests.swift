import ServiceContextModule
import Synchronization
import Testing
import Tracing
import Vernier
@testable import VernierTracing
import VernierConcurrency
import VernierTesting

/// An exporter that keeps the batches it is given, or fails when told to.
final class RecordingExporter: SpanExporter {
    struct Down: Error {}

    private let state = MutexBox<(batches: [[FinishedSpan]], isShutDown: Bool)>(([], false))
    let fails: Bool

    init(fails: Bool = false) {
        self.fails = fails
    }

    var batches: [[FinishedSpan]] { state.withLock { $0.batches } }
    var isShutDown: Bool { state.withLock { $0.isShutDown } }

    func export(_ spans: [FinishedSpan]) async throws {
        if fails { throw Down() }
        state.withLock { $0.batches.append(spans) }
    }

    func shutdown() async {
        state.withLock { $0.isShutDown = true }
    }
}

@Suite("BatchSpanProcessor")
struct BatchSpanProcessorTests {
    static func endSpans(_ count: Int, through processor: BatchSpanProcessor, sampler: any Sampler = AlwaysOnSampler()) {
        let tracer = VernierTracer(sampler: sampler, processors: [processor])
        for index in 0..<count { tracer.startSpan("span \(index)", context: .topLevel).end() }
    }

    @Test func flushExportsInBatchesOfTheConfiguredSize() async {
        let exporter = RecordingExporter()
        let processor = BatchSpanProcessor(exporter: exporter, configuration: .init(maximumQueueSize: 100, maximumExportBatchSize: 4))
        Self.endSpans(10, through: processor)
        await processor.forceFlush()
        #expect(exporter.batches.map(\.count) == [4, 4, 2])
        #expect(exporter.batches.flatMap { $0.map(\.name) } == (0..<10).map { "span \($0)" })
    }

    /// A processor with a queue of 3 spans and batches of 3, reporting on a provider of its own.
    private struct MeasuredProcessor {
        let metrics = TestMetrics()
        let processor: BatchSpanProcessor

        init(exporter: RecordingExporter) {
            processor = BatchSpanProcessor(exporter: exporter, configuration: .init(maximumQueueSize: 3, maximumExportBatchSize: 3),
                                           meter: metrics.meter("vernier"))
        }

        /// The processor's self-metrics, by their attributes besides its `otel.component.*`.
        func collect() -> MetricsSnapshot {
            metrics.collect().selfMetrics(of: "batching_span_processor")
        }
    }

    @Test func aFullQueueDropsAndCountsSpans() async throws {
        let measured = MeasuredProcessor(exporter: RecordingExporter())
        Self.endSpans(5, through: measured.processor)
        #expect(measured.processor.droppedSpanCount == 2)
        #expect(measured.processor.queuedCount == 3)
        #expect(try measured.collect().counterValue("otel.sdk.processor.span.processed", attributes: ["error.type": "queue_full"]) == 2)
        #expect(try measured.collect().counterValue("otel.sdk.processor.span.processed") == 0)
        #expect(try measured.collect().upDownCounterValue("otel.sdk.processor.span.queue.size") == 3)
        #expect(try measured.collect().upDownCounterValue("otel.sdk.processor.span.queue.capacity") == 3)
    }

    @Test func spansCountAsProcessedWhenHandedToTheExporterWhateverItsOutcome() async throws {
        let measured = MeasuredProcessor(exporter: RecordingExporter(fails: true))
        Self.endSpans(2, through: measured.processor)
        await measured.processor.forceFlush()
        #expect(try measured.collect().counterValue("otel.sdk.processor.span.processed") == 2)
        #expect(try measured.collect().counterValue("otel.sdk.processor.span.processed", attributes: ["error.type": "queue_full"]) == 0)
        #expect(try measured.collect().upDownCounterValue("otel.sdk.processor.span.queue.size") == 0)
        #expect(measured.processor.droppedSpanCount == 2)
    }

    @Test func spansEndingAfterShutdownCountAsAlreadyShutDown() async throws {
        let measured = MeasuredProcessor(exporter: RecordingExporter())
        await measured.processor.shutdown()
        Self.endSpans(1, through: measured.processor)
        #expect(try measured.collect().counterValue("otel.sdk.processor.span.processed", attributes: ["error.type": "already_shutdown"]) == 1)
    }

    @Test func unsampledSpansAreNotExported() async {
        let exporter = RecordingExporter()
        let processor = BatchSpanProcessor(exporter: exporter)
        Self.endSpans(3, through: processor, sampler: RecordOnlySampler())
        await processor.forceFlush()
        #expect(exporter.batches.isEmpty)
        #expect(processor.droppedSpanCount == 0)
    }

    @Test func shutdownFlushesAndLaterSpansAreDropped() async {
        let exporter = RecordingExporter()
        let processor = BatchSpanProcessor(exporter: exporter)
        Self.endSpans(2, through: processor)
        await processor.shutdown()
        #expect(exporter.batches.map(\.count) == [2])
        #expect(exporter.isShutDown)
        Self.endSpans(1, through: processor)
        #expect(processor.droppedSpanCount == 1)
    }

    @Test func aFailedExportCountsItsSpansAsDropped() async {
        let processor = BatchSpanProcessor(exporter: RecordingExporter(fails: true))
        Self.endSpans(3, through: processor)
        await processor.forceFlush()
        #expect(processor.droppedSpanCount == 3)
        #expect(processor.queuedCount == 0)
    }

    @Test func runExportsAFullBatchBeforeTheDelayAndFlushesWhenCancelled() async throws {
        let exporter = RecordingExporter()
        let processor = BatchSpanProcessor(exporter: exporter, configuration: .init(maximumExportBatchSize: 2, scheduleDelay: .seconds(60)))
        let running = Task { try await processor.run() }
        Self.endSpans(2, through: processor)
        let deadline = ContinuousClock.now + .seconds(5)
        while exporter.batches.isEmpty, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        #expect(exporter.batches.map(\.count) == [2])
        Self.endSpans(1, through: processor)
        running.cancel()
        try await running.value
        #expect(exporter.batches.map(\.count) == [2, 1])
        #expect(exporter.isShutDown)
    }
}

/// Records spans without sampling them.
struct RecordOnlySampler: Sampler {
    func shouldSample(parent: SpanContext?, traceID: TraceID, name: String, kind: SpanKind) -> SamplingDecision { .recordOnly }
    var description: String { "RecordOnly" }
}
