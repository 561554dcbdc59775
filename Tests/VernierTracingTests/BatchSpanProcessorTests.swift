import ServiceContextModule
import Synchronization
import Testing
import Tracing
import Vernier
@testable import VernierTracing

/// An exporter that keeps the batches it is given, or fails when told to.
final class RecordingExporter: SpanExporter {
    struct Down: Error {}

    private let state = Mutex<(batches: [[FinishedSpan]], isShutDown: Bool)>(([], false))
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

    @Test func aFullQueueDropsAndCountsSpans() async throws {
        let exporter = RecordingExporter()
        let reader = PullMetricReader()
        let provider = MeterProvider(readers: [reader])
        let processor = BatchSpanProcessor(exporter: exporter, configuration: .init(maximumQueueSize: 3, maximumExportBatchSize: 3),
                                           meter: provider.meter("vernier"))
        Self.endSpans(5, through: processor)
        #expect(processor.droppedSpanCount == 2)
        #expect(processor.queuedCount == 3)
        let snapshot = reader.collect()
        let dropped = try #require(snapshot.metrics.first { $0.name == "vernier.tracing.spans.dropped" })
        guard case .sum(let sum) = dropped.data else {
            Issue.record("not a sum")
            return
        }
        #expect(sum.points.first { $0.attributes == ["reason": "queue_full"] }?.value == .int(2))
        let queued = try #require(snapshot.metrics.first { $0.name == "vernier.tracing.queue.length" })
        guard case .sum(let length) = queued.data else {
            Issue.record("not a sum")
            return
        }
        #expect(length.points.first?.value == .int(3))
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

    @Test func environmentConfiguresTheQueue() {
        let configuration = BatchSpanProcessorConfiguration(environment: [
            "OTEL_BSP_MAX_QUEUE_SIZE": "10", "OTEL_BSP_MAX_EXPORT_BATCH_SIZE": "50", "OTEL_BSP_SCHEDULE_DELAY": "250",
        ])
        #expect(configuration.maximumQueueSize == 10)
        #expect(configuration.maximumExportBatchSize == 10)
        #expect(configuration.scheduleDelay == .milliseconds(250))
        #expect(BatchSpanProcessorConfiguration(environment: ["OTEL_BSP_MAX_QUEUE_SIZE": "-3"]).maximumQueueSize == 2048)
    }
}

/// Records spans without sampling them.
struct RecordOnlySampler: Sampler {
    func shouldSample(parent: SpanContext?, traceID: TraceID, name: String, kind: SpanKind) -> SamplingDecision { .recordOnly }
    var description: String { "RecordOnly" }
}
