import NIOCore
import NIOEmbedded
import NIOHTTP1
import ServiceContextModule
import Testing
import Vernier
import VernierHTTP
import VernierHTTPNIO
import VernierTesting
import VernierTracing

@Suite("HTTP server instrumentation handler")
struct HTTPServerInstrumentationHandlerTests {
    let metrics = TestMetrics()
    let recorder = InMemorySpanProcessor()
    let channel: EmbeddedChannel

    init() throws {
        let configuration = HTTPServerInstrumentationHandler.Configuration(
            metrics: try HTTPServerMetrics(meter: metrics.meter("http")),
            routes: HTTPRouteTemplates(["/products/{id}"]),
            headerCapture: HTTPHeaderCapture(requestHeaders: ["x-request-id", "authorization"]),
            tracer: VernierTracer(sampler: AlwaysOnSampler(), processors: [recorder]))
        channel = EmbeddedChannel(handler: HTTPServerInstrumentationHandler(configuration: configuration))
    }

    func request(_ uri: String, method: HTTPMethod = .GET, headers: HTTPHeaders = [:]) throws -> TracedHTTPRequestPart? {
        try channel.writeInbound(HTTPServerRequestPart.head(HTTPRequestHead(version: .http1_1, method: method, uri: uri, headers: headers)))
        try channel.writeInbound(HTTPServerRequestPart.end(nil))
        let head = try channel.readInbound(as: TracedHTTPRequestPart.self)
        _ = try channel.readInbound(as: TracedHTTPRequestPart.self)
        return head
    }

    func respond(_ status: HTTPResponseStatus) throws -> HTTPResponseHead? {
        try channel.writeOutbound(HTTPServerResponsePart.head(HTTPResponseHead(version: .http1_1, status: status)))
        try channel.writeOutbound(HTTPServerResponsePart.end(nil))
        guard case .head(let head)? = try channel.readOutbound(as: HTTPServerResponsePart.self) else { return nil }
        return head
    }

    @Test func continuesTheCallersTraceAndAnswersWithTraceparent() throws {
        let traced = try request("/products/42?x=1", headers: [
            "traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "x-request-id": "r-1", "authorization": "Bearer secret",
        ])
        #expect(traced?.context.spanContext?.traceID.hex == "4bf92f3577b34da6a3ce929d0e0e4736")
        let response = try respond(.ok)
        let span = try #require(recorder.spans.first)
        #expect(span.name == "GET /products/{id}")
        #expect(span.kind == .server)
        #expect(span.parentSpanID?.hex == "00f067aa0ba902b7")
        #expect(span.attributes["http.route"] == "/products/{id}")
        #expect(span.attributes["url.path"] == "/products/42")
        #expect(span.attributes["http.response.status_code"] == 200)
        #expect(span.attributes["http.request.header.x-request-id"] == .stringArray(["r-1"]))
        #expect(span.attributes["http.request.header.authorization"] == nil)
        #expect(response?.headers["traceparent"].first == "00-4bf92f3577b34da6a3ce929d0e0e4736-\(span.context.spanID.hex)-01")
    }

    @Test func aMalformedTraceparentStartsANewTrace() throws {
        _ = try request("/products/1", headers: ["traceparent": "not-a-traceparent"])
        _ = try respond(.ok)
        let span = try #require(recorder.spans.first)
        #expect(span.parentSpanID == nil)
    }

    @Test func recordsMetricsPerRouteAndMarksServerErrors() throws {
        _ = try request("/products/1")
        _ = try respond(.ok)
        _ = try request("/products/2", method: .POST)
        _ = try respond(.internalServerError)
        _ = try request("/unknown/path", method: .RAW(value: "PURGE"))
        _ = try respond(.notFound)
        #expect(Set(try metrics.collect().series("http.server.request.duration")) == [
            ["http.request.method": "GET", "url.scheme": "http", "http.route": "/products/{id}", "http.response.status_code": 200],
            ["http.request.method": "POST", "url.scheme": "http", "http.route": "/products/{id}", "http.response.status_code": 500, "error.type": "500"],
            ["http.request.method": "_OTHER", "url.scheme": "http", "http.response.status_code": 404],
        ])
        #expect(recorder.spans[1].status == .error(message: nil))
        #expect(recorder.spans[2].name == "_OTHER")
        #expect(recorder.spans[2].attributes["http.request.method_original"] == "PURGE")
    }

    @Test func aConnectionClosedMidRequestEndsItAsAnError() throws {
        try channel.writeInbound(HTTPServerRequestPart.head(HTTPRequestHead(version: .http1_1, method: .GET, uri: "/products/9")))
        _ = try channel.finish()
        let span = try #require(recorder.spans.first)
        #expect(span.attributes["error.type"] == "_OTHER")
        #expect(try metrics.collect().upDownCounterValue("http.server.active_requests", attributes: ["http.request.method": "GET", "url.scheme": "http"]) == 0)
    }
}
