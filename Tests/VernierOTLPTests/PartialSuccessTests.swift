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
        #expect(OTLPMetricProtobufEncoder().partialSuccess(in: body) == PartialSuccess(rejected: 7, errorMessage: "too old"))
    }

    @Test func readsAJSONResponseWithTheCountAsStringOrNumber() {
        let text = #"{"partialSuccess":{"rejectedDataPoints":"3","errorMessage":"bad \"unit\""}}"#
        #expect(OTLPMetricJSONEncoder().partialSuccess(in: Array(text.utf8)) == PartialSuccess(rejected: 3, errorMessage: "bad \"unit\""))
        let numeric = #"{"partialSuccess": {"rejected_data_points": 4}}"#
        #expect(OTLPMetricJSONEncoder().partialSuccess(in: Array(numeric.utf8))?.rejected == 4)
    }

    @Test func aFullSuccessOrAnUnreadableBodyIsNoPartialSuccess() {
        #expect(OTLPMetricProtobufEncoder().partialSuccess(in: []) == nil)
        #expect(OTLPMetricJSONEncoder().partialSuccess(in: Array("{}".utf8)) == nil)
        #expect(OTLPMetricJSONEncoder().partialSuccess(in: Array(#"{"partialSuccess":{}}"#.utf8)) == nil)
        #expect(OTLPMetricProtobufEncoder().partialSuccess(in: [0xFF, 0xFF, 0xFF]) == nil)
        #expect(OTLPMetricJSONEncoder().partialSuccess(in: Array("{not json".utf8)) == nil)
    }
}
