import Logging
import ServiceContextModule
import Testing
import Tracing
import Vernier
import VernierLogging
import VernierTracing

@Suite("Trace metadata provider")
struct TraceMetadataProviderTests {
    @Test func addsTheActiveSpansIds() {
        let tracer = VernierTracer(sampler: AlwaysOnSampler())
        let span = tracer.startSpan("request", context: .topLevel)
        let metadata = ServiceContext.withValue(span.context) { Logger.MetadataProvider.vernierTrace().get() }
        #expect(metadata["trace_id"] == .string(span.spanContext.traceID.hex))
        #expect(metadata["span_id"] == .string(span.spanContext.spanID.hex))
        #expect(metadata["trace_flags"] == "01")
    }

    @Test func marksAnUnsampledSpan() {
        let span = VernierTracer(sampler: AlwaysOffSampler()).startSpan("request", context: .topLevel)
        let metadata = ServiceContext.withValue(span.context) { Logger.MetadataProvider.vernierTrace().get() }
        #expect(metadata["trace_flags"] == "00")
    }

    @Test func addsNothingOutsideASpan() {
        #expect(ServiceContext.withValue(.topLevel) { Logger.MetadataProvider.vernierTrace().get() }.isEmpty)
    }

    @Test func reachesTheLogLineThroughALogger() throws {
        let capture = CapturingLogHandler()
        var handler = capture
        handler.metadataProvider = .vernierTrace()
        let logger = Logger(label: "test") { _ in handler }
        let span = VernierTracer(sampler: AlwaysOnSampler()).startSpan("request", context: .topLevel)
        ServiceContext.withValue(span.context) { logger.info("charged") }
        let event = try #require(capture.events.first)
        #expect(event.metadata["trace_id"] == .string(span.spanContext.traceID.hex))
    }
}
