import Testing
import Vernier
@testable import VernierOTLP
@testable import VernierTracing

@Suite("OTLP span encoding in JSON")
struct OTLPSpanJSONEncoderTests {
    @Test func writesTheSpanAsTheProtobufEncoderDoes() throws {
        let (spans, spanID) = SpanFixture.checkoutSpan()

        let document = try #require(JSONValue.parse(try OTLPSpanJSONEncoder().encode(spans)))
        let resourceSpans = try #require(document["resourceSpans"]?[0])
        #expect(resourceSpans["resource"]?["attributes"]?[0]?["key"] == .string("service.name"))
        let scopeSpans = try #require(resourceSpans["scopeSpans"]?[0])
        #expect(scopeSpans["scope"]?["name"] == .string("vernier"))
        let encoded = try #require(scopeSpans["spans"]?[0])
        #expect(encoded["traceId"] == .string("4bf92f3577b34da6a3ce929d0e0e4736"))
        #expect(encoded["parentSpanId"] == .string("00f067aa0ba902b7"))
        #expect(encoded["spanId"] == .string(spanID.hex))
        #expect(encoded["name"] == .string("GET /products/{id}"))
        #expect(encoded["kind"] == .number(2))
        #expect(encoded["flags"] == .number(0x301))
        #expect(encoded["attributes"]?[0]?["value"]?["intValue"] == .string("200"))
        #expect(encoded["events"]?[0]?["name"] == .string("cache.miss"))
        #expect(encoded["status"] == .object(["code": .number(2), "message": .string("boom")]))
        #expect(encoded["startTimeUnixNano"] != nil && encoded["endTimeUnixNano"] != nil)
    }

    @Test func aCollectorsRejectedSpansAreReadFromEitherEncoding() {
        let json = #"{"partialSuccess":{"rejectedSpans":"2","errorMessage":"too big"}}"#
        #expect(OTLPSpanJSONEncoder().partialSuccess(in: Array(json.utf8)) == PartialSuccess(rejected: 2, errorMessage: "too big"))
        #expect(OTLPSpanProtobufEncoder().partialSuccess(in: []) == nil)
        #expect(OTLPSpanJSONEncoder().partialSuccess(in: Array(#"{"partialSuccess":{}}"#.utf8)) == nil)
    }
}
