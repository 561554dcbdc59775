import CProtobufC
import ServiceContextModule
import Testing
import Tracing
import Vernier
import VernierTesting
import VernierOTLP
import VernierProto
@testable import VernierTracing

@Suite("OTLP span encoding")
struct OTLPSpanEncoderTests {
    @Test func encodesASpanThatProtobufCDecodesBack() throws {
        let processor = InMemorySpanProcessor()
        let tracer = VernierTracer(resource: Resource(attributes: ["service.name": "shop"]), sampler: AlwaysOnSampler(), processors: [processor])
        var context = ServiceContext.topLevel
        tracer.extract(["traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"], into: &context, using: DictionaryExtractor())
        let span = tracer.startSpan("GET /products/{id}", context: context, ofKind: .server)
        span.attributes["http.response.status_code"] = 200
        span.addEvent("cache.miss")
        span.setStatus(SpanStatus(code: .error, message: "boom"))
        span.end()

        let body = try OTLPSpanEncoder().encode(processor.spans)
        let unpacked = body.withUnsafeBufferPointer { buffer in
            opentelemetry__proto__collector__trace__v1__export_trace_service_request__unpack(nil, buffer.count, buffer.baseAddress)
        }
        let request = try #require(unpacked)
        defer { opentelemetry__proto__collector__trace__v1__export_trace_service_request__free_unpacked(request, nil) }
        #expect(request.pointee.n_resource_spans == 1)
        let resourceSpans = try #require(request.pointee.resource_spans[0])
        let resourceAttribute = try #require(resourceSpans.pointee.resource.pointee.attributes[0])
        #expect(String(cString: resourceAttribute.pointee.key) == "service.name")
        let scopeSpans = try #require(resourceSpans.pointee.scope_spans[0])
        #expect(String(cString: scopeSpans.pointee.scope.pointee.name) == "vernier")
        #expect(scopeSpans.pointee.n_spans == 1)
        let encoded = try #require(scopeSpans.pointee.spans[0]).pointee
        #expect(Self.bytes(encoded.trace_id) == TraceID(hex: "4bf92f3577b34da6a3ce929d0e0e4736")!.bytes)
        #expect(Self.bytes(encoded.parent_span_id) == SpanID(hex: "00f067aa0ba902b7")!.bytes)
        #expect(Self.bytes(encoded.span_id) == span.spanContext.spanID.bytes)
        #expect(String(cString: encoded.name) == "GET /products/{id}")
        #expect(encoded.kind == OPENTELEMETRY__PROTO__TRACE__V1__SPAN__SPAN_KIND__SPAN_KIND_SERVER)
        #expect(encoded.flags == 0x301)
        #expect(encoded.n_attributes == 1)
        #expect(encoded.attributes[0]!.pointee.value.pointee.int_value == 200)
        #expect(encoded.n_events == 1)
        #expect(String(cString: encoded.events[0]!.pointee.name) == "cache.miss")
        #expect(encoded.status.pointee.code == OPENTELEMETRY__PROTO__TRACE__V1__STATUS__STATUS_CODE__STATUS_CODE_ERROR)
        #expect(String(cString: encoded.status.pointee.message) == "boom")
        #expect(encoded.end_time_unix_nano >= encoded.start_time_unix_nano)
    }

    static func bytes(_ data: ProtobufCBinaryData) -> [UInt8] {
        Array(UnsafeBufferPointer(start: data.data, count: data.len))
    }
}

@Suite("OTLP span exporter configuration")
struct OTLPSpanExporterConfigurationTests {
    @Test func theGeneralEndpointGetsTheTracesPath() {
        let configuration = OTLPSpanExporterConfiguration(environment: ["OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"])
        #expect(configuration.endpoint == "http://collector:4318/v1/traces")
    }

    @Test func tracesVariablesWinOverGeneralOnes() {
        let configuration = OTLPSpanExporterConfiguration(environment: [
            "OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318",
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://traces:4318/custom",
            "OTEL_EXPORTER_OTLP_HEADERS": "api-key=general,team=a",
            "OTEL_EXPORTER_OTLP_TRACES_HEADERS": "api-key=traces",
            "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT": "2500",
            "OTEL_EXPORTER_OTLP_METRICS_TIMEOUT": "100",
        ])
        #expect(configuration.endpoint == "http://traces:4318/custom")
        #expect(configuration.headers.map { "\($0.name)=\($0.value)" } == ["team=a", "api-key=traces"])
        #expect(configuration.timeout == .milliseconds(2500))
    }

    @Test func noneDisablesExport() {
        #expect(OTLPSpanExporterConfiguration(environment: ["OTEL_TRACES_EXPORTER": "none"]).isDisabled)
        #expect(!OTLPSpanExporterConfiguration(environment: [:]).isDisabled)
    }

    @Test func aDownCollectorIsATypedError() async {
        let exporter = OTLPSpanExporter(configuration: OTLPSpanExporterConfiguration(
            endpoint: "http://127.0.0.1:1/v1/traces", timeout: .seconds(2), retryPolicy: .none))
        let processor = InMemorySpanProcessor()
        VernierTracer(sampler: AlwaysOnSampler(), processors: [processor]).startSpan("s", context: .topLevel).end()
        await #expect(throws: OTLPExportError.self) { try await exporter.export(processor.spans) }
        await exporter.shutdown()
    }
}
