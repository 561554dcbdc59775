import CProtobufC
import Testing
import VernierProto
@testable import VernierOTLP

@Suite struct PartialSuccessTests {
    @Test func readsAProtobufResponse() throws {
        var partial = Opentelemetry__Proto__Collector__Metrics__V1__ExportMetricsPartialSuccess()
        opentelemetry__proto__collector__metrics__v1__export_metrics_partial_success__init(&partial)
        partial.rejected_data_points = 7
        partial.has_rejected_data_points = 1
        let message = "too old"
        let body: [UInt8] = message.withCString { text in
            partial.error_message = UnsafeMutablePointer(mutating: text)
            return withUnsafeMutablePointer(to: &partial) { partialPointer in
                var response = Opentelemetry__Proto__Collector__Metrics__V1__ExportMetricsServiceResponse()
                opentelemetry__proto__collector__metrics__v1__export_metrics_service_response__init(&response)
                response.partial_success = partialPointer
                return withUnsafeMutablePointer(to: &response) { OTLPArena.pack($0) }
            }
        }
        #expect(PartialSuccess.decode(body, contentType: "application/x-protobuf") == PartialSuccess(rejectedDataPoints: 7, errorMessage: "too old"))
    }

    @Test func readsAJSONResponseWithTheCountAsStringOrNumber() {
        let text = #"{"partialSuccess":{"rejectedDataPoints":"3","errorMessage":"bad \"unit\""}}"#
        #expect(PartialSuccess.decode(Array(text.utf8), contentType: "application/json") == PartialSuccess(rejectedDataPoints: 3, errorMessage: "bad \"unit\""))
        let numeric = #"{"partialSuccess": {"rejectedDataPoints": 4}}"#
        #expect(PartialSuccess.decode(Array(numeric.utf8), contentType: "application/json")?.rejectedDataPoints == 4)
    }

    @Test func aFullSuccessOrAnUnreadableBodyIsNoPartialSuccess() {
        #expect(PartialSuccess.decode([], contentType: "application/x-protobuf") == nil)
        #expect(PartialSuccess.decode(Array("{}".utf8), contentType: "application/json") == nil)
        #expect(PartialSuccess.decode(Array(#"{"partialSuccess":{}}"#.utf8), contentType: "application/json") == nil)
        #expect(PartialSuccess.decode([0xFF, 0xFF, 0xFF], contentType: "application/x-protobuf") == nil)
        #expect(PartialSuccess.decode(Array("{not json".utf8), contentType: "application/json") == nil)
    }
}
