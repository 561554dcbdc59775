import CProtobufC
import Testing
import Vernier
import VernierOTLP
import VernierProto
@testable import VernierTracing

@Suite("OTLP span encoding in protobuf")
struct OTLPSpanProtobufEncoderTests {
    @Test func encodesASpanThatProtobufCDecodesBack() throws {
        let (spans, spanID) = SpanFixture.checkoutSpan()

        let body = try OTLPSpanProtobufEncoder().encode(spans)
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
        #expect(Self.bytes(encoded.span_id) == spanID.bytes)
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
