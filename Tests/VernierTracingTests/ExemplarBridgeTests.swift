import ServiceContextModule
import Testing
import Tracing
import Vernier
@testable import VernierTracing

@Suite("Exemplars from spans")
struct ExemplarBridgeTests {
    /// A span context as some other tracer might store it.
    struct ForeignSpanContext: Sendable {
        let traceHex: String
        let spanHex: String
        let sampled: Bool
    }

    enum ForeignSpanKey: ServiceContextKey {
        typealias Value = ForeignSpanContext
    }

    static func latencyExemplars(_ provider: MeterProvider, _ reader: PullMetricReader, record: (Histogram<Double>) -> Void) throws -> [Exemplar] {
        let histogram = try provider.meter("shop").histogram("checkout.duration", unit: "s")
        record(histogram)
        guard case .histogram(let data) = try #require(reader.collect().metrics.first).data else { return [] }
        return data.points.flatMap(\.exemplars)
    }

    @Test func aHistogramRecordedInsideASpanLinksToIt() throws {
        let reader = PullMetricReader()
        let provider = MeterProvider(readers: [reader], exemplarFilter: .traceBased)
        let tracer = VernierTracer(resource: provider.resource, sampler: AlwaysOnSampler())
        let span = tracer.startSpan("checkout", context: .topLevel)
        let exemplars = try Self.latencyExemplars(provider, reader) { histogram in
            ServiceContext.withValue(span.context) { histogram.record(0.2) }
        }
        #expect(exemplars.first?.traceID == span.spanContext.traceID)
        #expect(exemplars.first?.spanID == span.spanContext.spanID)
    }

    @Test func theTraceBasedFilterSkipsUnsampledSpans() throws {
        let reader = PullMetricReader()
        let provider = MeterProvider(readers: [reader], exemplarFilter: .traceBased)
        let tracer = VernierTracer(sampler: AlwaysOffSampler())
        let exemplars = try Self.latencyExemplars(provider, reader) { histogram in
            let span = tracer.startSpan("dropped", context: .topLevel)
            ServiceContext.withValue(span.context) { histogram.record(0.2) }
        }
        #expect(exemplars.isEmpty)
    }

    @Test func anotherTracersContextWorksThroughAnExtractionFunction() throws {
        let reader = PullMetricReader()
        let source = ServiceContextSpanSource { context in
            guard let foreign = context[ForeignSpanKey.self],
                  let traceID = TraceID(hex: foreign.traceHex), let spanID = SpanID(hex: foreign.spanHex)
            else { return nil }
            return SpanIdentity(traceID: traceID, spanID: spanID, isSampled: foreign.sampled)
        }
        let provider = MeterProvider(readers: [reader], exemplarFilter: .traceBased, exemplarSpanSource: source)
        var context = ServiceContext.topLevel
        context[ForeignSpanKey.self] = ForeignSpanContext(traceHex: "4bf92f3577b34da6a3ce929d0e0e4736", spanHex: "00f067aa0ba902b7", sampled: true)
        let exemplars = try Self.latencyExemplars(provider, reader) { histogram in
            ServiceContext.withValue(context) { histogram.record(0.2) }
        }
        #expect(exemplars.first?.traceID?.hex == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(exemplars.first?.spanID?.hex == "00f067aa0ba902b7")
    }
}
