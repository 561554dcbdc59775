import ServiceContextModule
import Testing
import Tracing
import Vernier
import VernierTesting
@testable import VernierTracing

@Suite("VernierTracer")
struct VernierTracerTests {
    struct Failure: Error, CustomStringConvertible {
        var description: String { "card declined" }
    }

    let processor = InMemorySpanProcessor()
    var tracer: VernierTracer { VernierTracer(resource: Resource(serviceName: "shop"), sampler: AlwaysOnSampler(), processors: [processor]) }

    @Test func aRootSpanStartsANewSampledTrace() throws {
        let span = tracer.startSpan("root", context: .topLevel)
        span.end()
        let finished = try #require(processor.spans.first)
        #expect(finished.parentSpanID == nil)
        #expect(finished.context == span.spanContext)
        #expect(finished.context.isSampled)
        #expect(finished.resource.attributes["service.name"] == "shop")
        #expect(finished.endTime >= finished.startTime)
    }

    @Test func aChildInheritsTheTraceAndNamesItsParent() throws {
        let tracer = self.tracer
        let parent = tracer.startSpan("parent", context: .topLevel)
        let child = tracer.startSpan("child", context: parent.context)
        child.end()
        parent.end()
        let finishedChild = try #require(processor.spans.first)
        #expect(finishedChild.context.traceID == parent.spanContext.traceID)
        #expect(finishedChild.parentSpanID == parent.spanContext.spanID)
        #expect(!finishedChild.hasRemoteParent)
        #expect(finishedChild.context.spanID != parent.spanContext.spanID)
    }

    @Test func extractsARemoteParentFromHeaders() throws {
        let tracer = self.tracer
        var context = ServiceContext.topLevel
        let headers = ["TraceParent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "tracestate": "rojo=1"]
        tracer.extract(headers, into: &context, using: DictionaryExtractor())
        tracer.startSpan("server", context: context, ofKind: .server).end()
        let finished = try #require(processor.spans.first)
        #expect(finished.context.traceID.hex == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(finished.parentSpanID?.hex == "00f067aa0ba902b7")
        #expect(finished.hasRemoteParent)
        #expect(finished.kind == .server)
        #expect(finished.context.traceState["rojo"] == "1")
    }

    @Test func aMalformedTraceparentStartsANewTrace() throws {
        let tracer = self.tracer
        var context = ServiceContext.topLevel
        tracer.extract(["traceparent": "00-zzz-00f067aa0ba902b7-01"], into: &context, using: DictionaryExtractor())
        #expect(context.spanContext == nil)
        tracer.startSpan("server", context: context).end()
        #expect(try #require(processor.spans.first).parentSpanID == nil)
    }

    @Test func injectsTheSpanAsTraceparent() {
        let tracer = self.tracer
        let span = tracer.startSpan("client", context: .topLevel, ofKind: .client)
        var headers = ["TRACEPARENT": "stale"]
        tracer.inject(span.context, into: &headers, using: DictionaryInjector())
        #expect(headers == ["traceparent": "00-\(span.spanContext.traceID.hex)-\(span.spanContext.spanID.hex)-01"])
    }

    @Test func recordsAttributesEventsLinksStatusAndErrors() throws {
        let tracer = self.tracer
        let other = tracer.startSpan("other", context: .topLevel)
        let span = tracer.startSpan("checkout", context: .topLevel)
        span.attributes["http.request.method"] = "POST"
        span.attributes["retry"] = 2
        span.addEvent(SpanEvent(name: "cart.loaded", attributes: ["items": 3]))
        span.addLink(SpanLink(context: other.context, attributes: ["why": "batch"]))
        span.recordError(Failure())
        span.setStatus(SpanStatus(code: .error, message: "payment failed"))
        span.operationName = "POST /checkout"
        span.end()
        span.attributes["after.end"] = true
        span.end()
        let spans = processor.spans
        #expect(spans.count == 1)
        let finished = try #require(spans.first)
        #expect(finished.name == "POST /checkout")
        #expect(finished.attributes == ["http.request.method": "POST", "retry": 2])
        #expect(finished.events.map(\.name) == ["cart.loaded", "exception"])
        #expect(finished.events[1].attributes["exception.message"] == "card declined")
        #expect(finished.events[1].attributes["exception.type"]?.description.hasSuffix("Failure") == true)
        #expect(finished.links.first?.context == other.spanContext)
        #expect(finished.links.first?.attributes == ["why": "batch"])
        #expect(finished.status == .error(message: "payment failed"))
        #expect(!span.isRecording)
    }

    @Test func okStatusIsFinal() throws {
        let span = tracer.startSpan("s", context: .topLevel)
        span.setStatus(SpanStatus(code: .ok))
        span.setStatus(SpanStatus(code: .error, message: "late"))
        span.end()
        #expect(try #require(processor.spans.first).status == .ok)
    }

    @Test func limitsCountWhatTheyDrop() throws {
        let tracer = VernierTracer(sampler: AlwaysOnSampler(), processors: [processor], limits: SpanLimits(attributeCount: 1, eventCount: 2, linkCount: 0))
        let span = tracer.startSpan("s", context: .topLevel)
        span.attributes["a"] = 1
        span.attributes["b"] = 2
        for index in 0..<5 { span.addEvent(SpanEvent(name: "e\(index)")) }
        span.addLink(SpanLink(context: span.context, attributes: [:]))
        span.end()
        let finished = try #require(processor.spans.first)
        #expect(finished.attributes.count == 1)
        #expect((finished.droppedAttributes, finished.droppedEvents, finished.droppedLinks) == (1, 3, 1))
    }

    @Test func aDroppedSpanPropagatesUnsampledAndIsNotRecorded() {
        let tracer = VernierTracer(sampler: AlwaysOffSampler(), processors: [processor])
        let span = tracer.startSpan("dropped", context: .topLevel)
        span.attributes["ignored"] = true
        #expect(!span.isRecording)
        #expect(span.attributes.isEmpty)
        #expect(!span.spanContext.isSampled)
        span.end()
        #expect(processor.spans.isEmpty)
        var headers: [String: String] = [:]
        tracer.inject(span.context, into: &headers, using: DictionaryInjector())
        #expect(headers["traceparent"]?.hasSuffix("-00") == true)
    }

    @Test func aSpanContextKeepsTheParentsTraceState() {
        let tracer = self.tracer
        var context = ServiceContext.topLevel
        tracer.extract(["traceparent": W3CTraceContextTests.valid, "tracestate": "congo=t61"], into: &context, using: DictionaryExtractor())
        let span = tracer.startSpan("s", context: context)
        var headers: [String: String] = [:]
        tracer.inject(span.context, into: &headers, using: DictionaryInjector())
        #expect(headers["tracestate"] == "congo=t61")
    }

    @Test func withSpanMakesTheSpanCurrent() {
        let tracer = self.tracer
        let inner = tracer.withSpan("outer") { span in
            (span.spanContext, ServiceContext.current?.spanContext)
        }
        #expect(inner.0 == inner.1)
    }
}
