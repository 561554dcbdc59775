import ServiceContextModule
import Testing
import VernierConcurrency
@testable import Vernier
import VernierTesting

@Suite struct ExemplarTests {
    let traceID = TraceID(hex: "4bf92f3577b34da6a3ce929d0e0e4736")!
    let spanID = SpanID(hex: "00f067aa0ba902b7")!

    func inSpan(sampled: Bool = true, _ body: () -> Void) {
        var context = ServiceContext.topLevel
        context.spanIdentity = SpanIdentity(traceID: traceID, spanID: spanID, isSampled: sampled)
        ServiceContext.withValue(context, operation: body)
    }

    @Test func histogramBucketsKeepTheNewestSampledMeasurement() throws {
        let metrics = TestMetrics()
        let histogram = try metrics.meter.histogram("latency", unit: "s", boundaries: [0.1, 1])
        histogram.record(0.05)
        inSpan { histogram.record(0.5) }
        inSpan { histogram.record(0.7) }
        let point = try metrics.collect().histogram("latency")
        #expect(point.exemplars.count == 1)
        let exemplar = try #require(point.exemplars.first)
        #expect(exemplar.value == .double(0.7))
        #expect(exemplar.traceID == traceID)
        #expect(exemplar.spanID == spanID)
    }

    @Test func eachBucketHasItsOwnSlot() throws {
        let metrics = TestMetrics()
        let histogram = try metrics.meter.histogram("latency", boundaries: [0.1, 1])
        let bound = histogram.bind(["route": "/"])
        inSpan {
            bound.record(0.05)
            bound.record(0.5)
            bound.record(5)
        }
        let exemplars = try metrics.collect().exemplars("latency", attributes: ["route": "/"])
        #expect(exemplars.map(\.value) == [.double(0.05), .double(0.5), .double(5)])
    }

    @Test func traceBasedIgnoresUnsampledAndSpanlessMeasurements() throws {
        let metrics = TestMetrics()
        let counter = try metrics.meter.counter("c")
        counter.add(1)
        inSpan(sampled: false) { counter.add(1) }
        #expect(try metrics.collect().exemplars("c").isEmpty)
        inSpan { counter.bind().add(3) }
        #expect(try metrics.collect().exemplars("c").first?.traceID == traceID)
    }

    @Test func alwaysOffKeepsNoneAndAlwaysOnKeepsSpanless() throws {
        let off = TestMetrics(exemplarFilter: .alwaysOff)
        let offCounter = try off.meter.counter("c")
        inSpan { offCounter.add(1) }
        #expect(try off.collect().exemplars("c").isEmpty)

        let on = TestMetrics(exemplarFilter: .alwaysOn)
        try on.meter.histogram("h").record(3)
        let exemplar = try #require(try on.collect().exemplars("h").first)
        #expect(exemplar.traceID == nil)
        #expect(exemplar.value == .double(3))
    }

    @Test func exemplarsKeepTheAttributesAViewFilteredOut() throws {
        let metrics = TestMetrics(views: [View(instrumentName: "h", attributeKeys: ["route"])])
        let histogram = try metrics.meter.histogram("h")
        inSpan { histogram.record(1, attributes: ["route": "/a", "user": "42"]) }
        let exemplars = try metrics.collect().exemplars("h", attributes: ["route": "/a"])
        #expect(exemplars.first?.filteredAttributes == ["user": "42"])
    }

    @Test func aTracerWithItsOwnContextKeyCanFeedExemplars() throws {
        enum ForeignSpanKey: ServiceContextKey { typealias Value = String }
        let reader = PullMetricReader()
        let source = ServiceContextSpanSource { context in
            guard let header = context[ForeignSpanKey.self] else { return nil }
            let parts = header.split(separator: "-")
            guard parts.count == 4, let trace = TraceID(hex: parts[1]), let span = SpanID(hex: parts[2]) else { return nil }
            return SpanIdentity(traceID: trace, spanID: span, isSampled: parts[3] == "01")
        }
        let provider = MeterProvider(resource: Resource(attributes: .empty), readers: [reader], exemplarFilter: .traceBased, exemplarSpanSource: source)
        let histogram = try provider.meter("m").histogram("h")
        var context = ServiceContext.topLevel
        context[ForeignSpanKey.self] = "00-\(traceID.hex)-\(spanID.hex)-01"
        ServiceContext.withValue(context) { histogram.record(2) }
        let exemplar = try reader.collect().exemplars("h").first
        #expect(exemplar?.traceID == traceID)
        #expect(exemplar?.spanID == spanID)
    }

    @Test func eachSpanOnOneThreadGivesItsOwnIdentity() throws {
        let metrics = TestMetrics()
        let histogram = try metrics.meter.histogram("latency", boundaries: [10])
        var first = ServiceContext.topLevel
        first.spanIdentity = SpanIdentity(traceID: traceID, spanID: SpanID(1), isSampled: true)
        var second = first
        second.spanIdentity = SpanIdentity(traceID: traceID, spanID: SpanID(2), isSampled: true)
        var unsampled = second
        unsampled.spanIdentity = SpanIdentity(traceID: traceID, spanID: SpanID(3), isSampled: false)
        for (context, expected) in [(first, SpanID(1)), (second, SpanID(2)), (first, SpanID(1)), (unsampled, SpanID(1)), (second, SpanID(2))] {
            ServiceContext.withValue(context) { histogram.record(1) }
            #expect(try metrics.collect().histogram("latency").exemplars.first?.spanID == expected)
        }
    }

    @Test func concurrentWritersNeverTearABucketsExemplar() async throws {
        let slots = BucketExemplarSlots(count: 1)
        let time = Timestamp.now
        // Every exemplar carries one number in its trace, span and value, so a torn read shows.
        let readings = MutexBox((whole: 0, torn: 0))
        async let reads: Void = onThreads(1) { _ in
            var counts = (whole: 0, torn: 0)
            for _ in 0..<2_000_000 {
                guard let exemplar = slots.exemplar(slot: 0), case .int(let value) = exemplar.value else { continue }
                let number = UInt64(value)
                let isWhole = exemplar.traceID == TraceID(high: number, low: number) && exemplar.spanID == SpanID(number)
                if isWhole { counts.whole += 1 } else { counts.torn += 1 }
            }
            readings.withLock { $0 = counts }
        }
        await onThreads(2) { writer in
            for index in 0..<2_000_000 {
                let number = UInt64(writer * 10_000_000 + index + 1)
                slots.offer(Exemplar(time: time, value: .int(Int64(number)), traceID: TraceID(high: number, low: number), spanID: SpanID(number)), slot: 0)
            }
        }
        await reads
        let counts = readings.withLock { $0 }
        #expect(counts.torn == 0 && counts.whole > 0, "\(counts)")
    }

    @Test func idsRoundTripThroughHex() {
        #expect(traceID.hex == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(spanID.hex == "00f067aa0ba902b7")
        #expect(traceID.bytes.count == 16 && traceID.bytes.first == 0x4b)
        #expect(TraceID(hex: String(repeating: "0", count: 32)) == nil)
        #expect(SpanID(hex: "xyz") == nil)
    }
}
