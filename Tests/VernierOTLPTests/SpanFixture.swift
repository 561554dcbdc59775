import ServiceContextModule
import Tracing
import Vernier
import VernierTesting
@testable import VernierTracing

/// One ended server span of the shop, continuing a known trace, with an attribute, an event and an error status:
/// what the span encoders' tests encode.
enum SpanFixture {
    /// The spans as a processor received them, and the span's identity.
    static func checkoutSpan() -> (spans: [FinishedSpan], spanID: SpanID) {
        let processor = InMemorySpanProcessor()
        let tracer = VernierTracer(resource: Resource(attributes: ["service.name": "shop"]), sampler: AlwaysOnSampler(), processors: [processor])
        var context = ServiceContext.topLevel
        tracer.extract(["traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"], into: &context, using: DictionaryExtractor())
        let span = tracer.startSpan("GET /products/{id}", context: context, ofKind: .server)
        span.attributes["http.response.status_code"] = 200
        span.addEvent("cache.miss")
        span.setStatus(SpanStatus(code: .error, message: "boom"))
        span.end()
        return (processor.spans, span.spanContext.spanID)
    }
}
