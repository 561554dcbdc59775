import CProtobufC
import Testing
import Vernier
import VernierProto
@testable import VernierOTLP

/// Decodes what the encoder produced with libprotobuf-c's own parser and checks every field.
@Suite struct OTLPMetricProtobufEncoderTests {
    private typealias Request = Opentelemetry__Proto__Collector__Metrics__V1__ExportMetricsServiceRequest

    private func withDecoded(_ snapshot: MetricsSnapshot, _ body: (Request) throws -> Void) throws {
        let bytes = try OTLPMetricProtobufEncoder().encode(snapshot)
        let decoded = bytes.withUnsafeBufferPointer {
            opentelemetry__proto__collector__metrics__v1__export_metrics_service_request__unpack(nil, $0.count, $0.baseAddress)
        }
        let request = try #require(decoded)
        defer { opentelemetry__proto__collector__metrics__v1__export_metrics_service_request__free_unpacked(request, nil) }
        try body(request.pointee)
    }

    private func string(_ pointer: UnsafeMutablePointer<CChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private func attributes(_ count: Int, _ list: UnsafeMutablePointer<UnsafeMutablePointer<KeyValueMessage>?>?) -> [String: String] {
        var result: [String: String] = [:]
        for index in 0..<count {
            let pair = list![index]!.pointee
            let value = pair.value!.pointee
            switch value.value_case {
            case OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE_STRING_VALUE: result[string(pair.key)!] = string(value.string_value)
            case OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE_INT_VALUE: result[string(pair.key)!] = "int:\(value.int_value)"
            case OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE_DOUBLE_VALUE: result[string(pair.key)!] = "double:\(value.double_value)"
            case OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE_BOOL_VALUE: result[string(pair.key)!] = "bool:\(value.bool_value != 0)"
            case OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE_ARRAY_VALUE:
                let array = value.array_value!.pointee
                result[string(pair.key)!] = (0..<array.n_values).map { string(array.values![$0]!.pointee.string_value) ?? "?" }.joined(separator: "|")
            default: result[string(pair.key)!] = "unexpected"
            }
        }
        return result
    }

    @Test func encodesResourceAndScope() throws {
        try withDecoded(SnapshotFixture.snapshot) { request in
            #expect(request.n_resource_metrics == 1)
            let resourceMetrics = request.resource_metrics![0]!.pointee
            let resource = resourceMetrics.resource!.pointee
            #expect(attributes(resource.n_attributes, resource.attributes) ==
                    ["service.name": "checkout", "service.instance.id": "pod-1", "host.cpus": "int:4"])
            #expect(resourceMetrics.n_scope_metrics == 2)
            let scopeMetrics = resourceMetrics.scope_metrics![0]!.pointee
            #expect(string(scopeMetrics.scope!.pointee.name) == "shop.checkout")
            #expect(string(scopeMetrics.scope!.pointee.version) == "1.2.0")
            #expect(attributes(scopeMetrics.scope!.pointee.n_attributes, scopeMetrics.scope!.pointee.attributes) == ["scope.flag": "bool:true"])
            #expect(string(scopeMetrics.schema_url) == "https://opentelemetry.io/schemas/1.26.0")
            #expect(scopeMetrics.n_metrics == 5)
            let bare = resourceMetrics.scope_metrics![1]!.pointee
            #expect(string(bare.scope!.pointee.name) == "bare")
            #expect(bare.scope!.pointee.version == nil)
            #expect(bare.n_metrics == 0)
        }
    }

    @Test func encodesSumsWithTemporalityMonotonicityAndExemplars() throws {
        try withDecoded(SnapshotFixture.snapshot) { request in
            let metrics = request.resource_metrics![0]!.pointee.scope_metrics![0]!.pointee.metrics!
            let orders = metrics[0]!.pointee
            #expect(string(orders.name) == "shop.orders")
            #expect(string(orders.description) == "Orders placed.")
            #expect(string(orders.unit) == "{order}")
            #expect(orders.data_case == OPENTELEMETRY__PROTO__METRICS__V1__METRIC__DATA_SUM)
            let sum = orders.sum!.pointee
            #expect(sum.aggregation_temporality == OPENTELEMETRY__PROTO__METRICS__V1__AGGREGATION_TEMPORALITY__AGGREGATION_TEMPORALITY_CUMULATIVE)
            #expect(sum.is_monotonic != 0)
            let point = sum.data_points![0]!.pointee
            #expect(point.value_case == OPENTELEMETRY__PROTO__METRICS__V1__NUMBER_DATA_POINT__VALUE_AS_INT)
            #expect(point.as_int == 42)
            #expect(point.start_time_unix_nano == SnapshotFixture.start.nanosecondsSinceEpoch)
            #expect(point.time_unix_nano == SnapshotFixture.time.nanosecondsSinceEpoch)
            #expect(attributes(point.n_attributes, point.attributes) == ["payment.method": "card"])
            let exemplar = point.exemplars![0]!.pointee
            #expect(exemplar.value_case == OPENTELEMETRY__PROTO__METRICS__V1__EXEMPLAR__VALUE_AS_INT)
            #expect(exemplar.as_int == 3)
            #expect(Array(UnsafeBufferPointer(start: exemplar.trace_id.data, count: exemplar.trace_id.len)) == SnapshotFixture.traceID.bytes)
            #expect(Array(UnsafeBufferPointer(start: exemplar.span_id.data, count: exemplar.span_id.len)) == SnapshotFixture.spanID.bytes)

            let queue = metrics[1]!.pointee.sum!.pointee
            #expect(queue.aggregation_temporality == OPENTELEMETRY__PROTO__METRICS__V1__AGGREGATION_TEMPORALITY__AGGREGATION_TEMPORALITY_DELTA)
            #expect(queue.has_is_monotonic == 0)
            #expect(queue.data_points![0]!.pointee.as_double == -2.5)
            #expect(metrics[1]!.pointee.description == nil)
        }
    }

    @Test func encodesGaugesWithArrayAttributesAndNoStartTime() throws {
        try withDecoded(SnapshotFixture.snapshot) { request in
            let gauge = request.resource_metrics![0]!.pointee.scope_metrics![0]!.pointee.metrics![2]!.pointee
            #expect(gauge.data_case == OPENTELEMETRY__PROTO__METRICS__V1__METRIC__DATA_GAUGE)
            let point = gauge.gauge!.pointee.data_points![0]!.pointee
            #expect(point.as_double == 180.5)
            #expect(point.has_start_time_unix_nano == 0)
            #expect(attributes(point.n_attributes, point.attributes) == ["oven": "int:2", "tags": "a|b", "ratio": "double:0.5"])
        }
    }

    @Test func encodesExplicitHistograms() throws {
        try withDecoded(SnapshotFixture.snapshot) { request in
            let metric = request.resource_metrics![0]!.pointee.scope_metrics![0]!.pointee.metrics![3]!.pointee
            #expect(metric.data_case == OPENTELEMETRY__PROTO__METRICS__V1__METRIC__DATA_HISTOGRAM)
            let point = metric.histogram!.pointee.data_points![0]!.pointee
            #expect(point.count == 6)
            #expect(point.has_sum != 0 && point.sum == 1.75)
            #expect(point.has_min != 0 && point.min == 0.01)
            #expect(point.has_max != 0 && point.max == 0.9)
            #expect(Array(UnsafeBufferPointer(start: point.explicit_bounds, count: point.n_explicit_bounds)) == [0.05, 0.25, 1])
            #expect(Array(UnsafeBufferPointer(start: point.bucket_counts, count: point.n_bucket_counts)) == [2, 1, 3, 0])
            #expect(point.n_exemplars == 1)
            let exemplar = point.exemplars![0]!.pointee
            #expect(exemplar.as_double == 0.42)
            #expect(attributes(exemplar.n_filtered_attributes, exemplar.filtered_attributes) == ["user.id": "u-17"])
        }
    }

    @Test func encodesExponentialHistogramsWithZeroSumStillPresent() throws {
        try withDecoded(SnapshotFixture.snapshot) { request in
            let metric = request.resource_metrics![0]!.pointee.scope_metrics![0]!.pointee.metrics![4]!.pointee
            #expect(metric.data_case == OPENTELEMETRY__PROTO__METRICS__V1__METRIC__DATA_EXPONENTIAL_HISTOGRAM)
            #expect(metric.exponential_histogram!.pointee.aggregation_temporality == OPENTELEMETRY__PROTO__METRICS__V1__AGGREGATION_TEMPORALITY__AGGREGATION_TEMPORALITY_DELTA)
            let point = metric.exponential_histogram!.pointee.data_points![0]!.pointee
            #expect(point.count == 7)
            #expect(point.has_sum != 0 && point.sum == 0)
            #expect(point.scale == -1)
            #expect(point.zero_count == 1)
            #expect(point.min == -4 && point.max == 12)
            #expect(point.positive!.pointee.offset == -2)
            #expect(Array(UnsafeBufferPointer(start: point.positive!.pointee.bucket_counts, count: point.positive!.pointee.n_bucket_counts)) == [1, 0, 2])
            #expect(point.negative!.pointee.offset == 1)
            #expect(Array(UnsafeBufferPointer(start: point.negative!.pointee.bucket_counts, count: point.negative!.pointee.n_bucket_counts)) == [3])
            #expect(point.has_zero_threshold == 0)
        }
    }

    @Test func encodesAnEmptySnapshotAsAResourceWithoutScopes() throws {
        try withDecoded(MetricsSnapshot(resource: Resource(attributes: .empty), scopes: [])) { request in
            #expect(request.n_resource_metrics == 1)
            #expect(request.resource_metrics![0]!.pointee.n_scope_metrics == 0)
        }
    }

    @Test func encodesTenThousandPointsQuickly() throws {
        let points = (0..<10_000).map { index in
            NumberPoint(attributes: ["series": .int(Int64(index)), "region": "eu"], startTime: SnapshotFixture.start,
                        time: SnapshotFixture.time, value: .int(Int64(index)))
        }
        let snapshot = MetricsSnapshot(resource: Resource(attributes: ["service.name": "load"]), scopes: [
            ScopeMetrics(scope: InstrumentationScope(name: "load"), metrics: [
                Metric(name: "load.counter", description: "", unit: "", data: .sum(.init(temporality: .cumulative, isMonotonic: true, points: points))),
            ]),
        ])
        let bytes = try OTLPMetricProtobufEncoder().encode(snapshot)
        #expect(bytes.count > 10_000 * 20)
        try withDecoded(snapshot) { request in
            let sum = request.resource_metrics![0]!.pointee.scope_metrics![0]!.pointee.metrics![0]!.pointee.sum!.pointee
            #expect(sum.n_data_points == 10_000)
            #expect(sum.data_points![9_999]!.pointee.as_int == 9_999)
        }
    }
}
