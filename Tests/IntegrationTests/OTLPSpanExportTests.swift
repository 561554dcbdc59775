import Foundation
import ServiceContextModule
import Testing
import Tracing
import Vernier
import VernierOTLP
import VernierTracing

/// Spans exported in protobuf and in OTLP JSON to the Python receiver, which decodes both with `opentelemetry-proto`.
@Suite("OTLP span export to a real decoder", .serialized)
struct OTLPSpanExportTests {
    @Test(.enabled(if: OTLPReceiver.python != nil, "python3 with opentelemetry-proto is not installed (make test installs it)"))
    func protobufAndJSONCarryTheSameSpan() async throws {
        let receiver = try await OTLPReceiver.start()
        defer { receiver.stop() }
        let processors = [OTLPExporterConfiguration.ExportProtocol.httpProtobuf, .httpJSON].map { exportProtocol in
            BatchSpanProcessor(exporter: OTLPSpanExporter(configuration: OTLPExporterConfiguration(endpoint: receiver.baseURL, exportProtocol: exportProtocol)))
        }
        let tracer = VernierTracer(resource: Resource(serviceName: "spans"), sampler: AlwaysOnSampler(), processors: processors)
        var context = ServiceContext.topLevel
        tracer.extract(["traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"], into: &context, using: DictionaryExtractor())
        let span = tracer.startSpan("GET /products/{id}", context: context, ofKind: .server)
        span.attributes["http.response.status_code"] = 200
        span.attributes["http.route"] = "/products/{id}"
        span.addEvent("cache.miss")
        span.setStatus(SpanStatus(code: .error, message: "boom"))
        span.end()
        for processor in processors { await processor.shutdown() }

        let requests = try await receiver.received().filter { $0.path == "/v1/traces" }
        try #require(requests.count == 2, "\(receiver.log)")
        #expect(requests.map { $0.headers["content-type"] } == ["application/x-protobuf", "application/json"])
        #expect(requests.allSatisfy { $0.error == nil }, "\(requests.map(\.error))")
        let decoded = try #require(requests[0].decoded)
        #expect(NSDictionary(dictionary: requests[1].decoded ?? [:]).isEqual(to: decoded), "JSON: \(requests[1].decoded ?? [:])\nprotobuf: \(decoded)")
        let exported = try #require(TracingEndToEndTests.spans(in: requests[1]).first)
        #expect(exported["trace_id"] as? String == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(exported["parent_span_id"] as? String == "00f067aa0ba902b7")
        #expect(exported["kind"] as? String == "SPAN_KIND_SERVER")
        #expect(otlpAttributes(exported["attributes"])["http.route"] == "/products/{id}")
        #expect(exported.value(at: "status", "code") as? String == "STATUS_CODE_ERROR")
        #expect(exported.value(at: "events", 0, "name") as? String == "cache.miss")
    }
}
