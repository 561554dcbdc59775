import Vernier
import VernierProto
import VernierProtoArena

/// The arena OTLP message trees are built in; a failed allocation throws `OTLPEncodingError.outOfMemory`.
typealias OTLPArena = ProtoArena<OTLPEncodingError>

/// Encodes a snapshot as an OTLP `ExportMetricsServiceRequest` in protobuf (`application/x-protobuf`).
///
/// Builds the protoc-c message tree in an `OTLPArena` and packs it with libprotobuf-c. Fields are set the
/// way a proto3 encoder writes them: zero numbers and empty strings are left out, except where OTLP gives
/// the field explicit presence (histogram `sum`, `min`, `max`) or it belongs to a oneof (point values).
public struct OTLPMetricProtobufEncoder: OTLPEncoder {
    /// Creates an encoder.
    public init() {}

    public var contentType: String { "application/x-protobuf" }

    public func encode(_ snapshot: MetricsSnapshot) throws(OTLPEncodingError) -> [UInt8] {
        try encode(snapshot, headroom: 0)
    }

    public func encode(_ snapshot: MetricsSnapshot, headroom: Int) throws(OTLPEncodingError) -> [UInt8] {
        let builder = Builder(arena: OTLPArena(failingWith: .outOfMemory))
        return OTLPArena.pack(try builder.request(snapshot), headroom: headroom)
    }

    public func partialSuccess(in body: [UInt8]) -> PartialSuccess? {
        guard !body.isEmpty else { return nil }
        let response = body.withUnsafeBufferPointer {
            opentelemetry__proto__collector__metrics__v1__export_metrics_service_response__unpack(nil, $0.count, $0.baseAddress)
        }
        guard let response else { return nil }
        defer { opentelemetry__proto__collector__metrics__v1__export_metrics_service_response__free_unpacked(response, nil) }
        guard let partial = response.pointee.partial_success else { return nil }
        return PartialSuccess(
            rejected: partial.pointee.has_rejected_data_points != 0 ? partial.pointee.rejected_data_points : 0,
            errorMessage: partial.pointee.error_message.map { String(cString: $0) } ?? ""
        ).unlessFullSuccess
    }

    /// Builds the message tree of one request; every message lives in `arena`.
    struct Builder {
        let arena: OTLPArena

        /// Creates a builder allocating from `arena`.
        init(arena: OTLPArena) {
            self.arena = arena
        }

        func request(_ snapshot: MetricsSnapshot) throws(OTLPEncodingError) -> UnsafeMutablePointer<ExportRequestMessage> {
            let request: UnsafeMutablePointer<ExportRequestMessage> = try arena.message(opentelemetry__proto__collector__metrics__v1__export_metrics_service_request__init)
            (request.pointee.n_resource_metrics, request.pointee.resource_metrics) = try arena.list(snapshot.resourceMetrics, resourceMetrics)
            return request
        }

        private func resourceMetrics(_ group: ResourceMetrics) throws(OTLPEncodingError) -> UnsafeMutablePointer<ResourceMetricsMessage> {
            let message: UnsafeMutablePointer<ResourceMetricsMessage> = try arena.message(opentelemetry__proto__metrics__v1__resource_metrics__init)
            message.pointee.resource = try resource(group.resource)
            (message.pointee.n_scope_metrics, message.pointee.scope_metrics) = try arena.list(group.scopes, scopeMetrics)
            return message
        }

        /// The `Resource` message of `resource`, shared by the metrics and traces requests.
        func resource(_ resource: Resource) throws(OTLPEncodingError) -> UnsafeMutablePointer<Opentelemetry__Proto__Resource__V1__Resource> {
            let message: UnsafeMutablePointer<ResourceMessage> = try arena.message(opentelemetry__proto__resource__v1__resource__init)
            (message.pointee.n_attributes, message.pointee.attributes) = try keyValues(resource.attributes)
            return message
        }

        /// The `InstrumentationScope` message of `scope`, shared by the metrics and traces requests.
        func scope(_ scope: InstrumentationScope) throws(OTLPEncodingError) -> UnsafeMutablePointer<Opentelemetry__Proto__Common__V1__InstrumentationScope> {
            let message: UnsafeMutablePointer<ScopeMessage> = try arena.message(opentelemetry__proto__common__v1__instrumentation_scope__init)
            message.pointee.name = try arena.string(scope.name)
            message.pointee.version = try arena.string(scope.version ?? "")
            (message.pointee.n_attributes, message.pointee.attributes) = try keyValues(scope.attributes)
            return message
        }

        private func scopeMetrics(_ scopeMetrics: ScopeMetrics) throws(OTLPEncodingError) -> UnsafeMutablePointer<ScopeMetricsMessage> {
            let message: UnsafeMutablePointer<ScopeMetricsMessage> = try arena.message(opentelemetry__proto__metrics__v1__scope_metrics__init)
            message.pointee.scope = try scope(scopeMetrics.scope)
            message.pointee.schema_url = try arena.string(scopeMetrics.scope.schemaURL ?? "")
            (message.pointee.n_metrics, message.pointee.metrics) = try arena.list(scopeMetrics.metrics, metric)
            return message
        }

        private func metric(_ metric: Metric) throws(OTLPEncodingError) -> UnsafeMutablePointer<MetricMessage> {
            let message: UnsafeMutablePointer<MetricMessage> = try arena.message(opentelemetry__proto__metrics__v1__metric__init)
            message.pointee.name = try arena.string(metric.name)
            message.pointee.description = try arena.string(metric.description)
            message.pointee.unit = try arena.string(metric.unit)
            switch metric.data {
            case .sum(let sum):
                let data: UnsafeMutablePointer<SumMessage> = try arena.message(opentelemetry__proto__metrics__v1__sum__init)
                (data.pointee.n_data_points, data.pointee.data_points) = try arena.list(sum.points, numberPoint)
                data.pointee.aggregation_temporality = temporality(sum.temporality)
                data.pointee.has_aggregation_temporality = 1
                data.pointee.is_monotonic = sum.isMonotonic ? 1 : 0
                data.pointee.has_is_monotonic = sum.isMonotonic ? 1 : 0
                message.pointee.data_case = OPENTELEMETRY__PROTO__METRICS__V1__METRIC__DATA_SUM
                message.pointee.sum = data
            case .gauge(let gauge):
                let data: UnsafeMutablePointer<GaugeMessage> = try arena.message(opentelemetry__proto__metrics__v1__gauge__init)
                (data.pointee.n_data_points, data.pointee.data_points) = try arena.list(gauge.points, numberPoint)
                message.pointee.data_case = OPENTELEMETRY__PROTO__METRICS__V1__METRIC__DATA_GAUGE
                message.pointee.gauge = data
            case .histogram(let histogram):
                let data: UnsafeMutablePointer<HistogramMessage> = try arena.message(opentelemetry__proto__metrics__v1__histogram__init)
                (data.pointee.n_data_points, data.pointee.data_points) = try arena.list(histogram.points, histogramPoint)
                data.pointee.aggregation_temporality = temporality(histogram.temporality)
                data.pointee.has_aggregation_temporality = 1
                message.pointee.data_case = OPENTELEMETRY__PROTO__METRICS__V1__METRIC__DATA_HISTOGRAM
                message.pointee.histogram = data
            case .exponentialHistogram(let histogram):
                let data: UnsafeMutablePointer<ExponentialHistogramMessage> = try arena.message(opentelemetry__proto__metrics__v1__exponential_histogram__init)
                (data.pointee.n_data_points, data.pointee.data_points) = try arena.list(histogram.points, exponentialPoint)
                data.pointee.aggregation_temporality = temporality(histogram.temporality)
                data.pointee.has_aggregation_temporality = 1
                message.pointee.data_case = OPENTELEMETRY__PROTO__METRICS__V1__METRIC__DATA_EXPONENTIAL_HISTOGRAM
                message.pointee.exponential_histogram = data
            case .summary(let summary):
                let data: UnsafeMutablePointer<SummaryMessage> = try arena.message(opentelemetry__proto__metrics__v1__summary__init)
                (data.pointee.n_data_points, data.pointee.data_points) = try arena.list(summary.points, summaryPoint)
                message.pointee.data_case = OPENTELEMETRY__PROTO__METRICS__V1__METRIC__DATA_SUMMARY
                message.pointee.summary = data
            }
            return message
        }

        private func summaryPoint(_ point: SummaryPoint) throws(OTLPEncodingError) -> UnsafeMutablePointer<SummaryPointMessage> {
            let message: UnsafeMutablePointer<SummaryPointMessage> = try arena.message(opentelemetry__proto__metrics__v1__summary_data_point__init)
            (message.pointee.n_attributes, message.pointee.attributes) = try keyValues(point.attributes)
            setTime(&message.pointee.start_time_unix_nano, &message.pointee.has_start_time_unix_nano, point.startTime)
            setTime(&message.pointee.time_unix_nano, &message.pointee.has_time_unix_nano, point.time)
            message.pointee.count = point.count
            message.pointee.has_count = point.count != 0 ? 1 : 0
            message.pointee.sum = point.sum
            message.pointee.has_sum = point.sum != 0 ? 1 : 0
            (message.pointee.n_quantile_values, message.pointee.quantile_values) = try arena.list(point.quantiles) {
                (quantile: SummaryPoint.Quantile) throws(OTLPEncodingError) in
                let value: UnsafeMutablePointer<QuantileMessage> = try arena.message(opentelemetry__proto__metrics__v1__summary_data_point__value_at_quantile__init)
                value.pointee.quantile = quantile.quantile
                value.pointee.has_quantile = quantile.quantile != 0 ? 1 : 0
                value.pointee.value = quantile.value
                value.pointee.has_value = quantile.value != 0 ? 1 : 0
                return value
            }
            setFlags(&message.pointee.flags, &message.pointee.has_flags, point.flags)
            return message
        }

        private func numberPoint(_ point: NumberPoint) throws(OTLPEncodingError) -> UnsafeMutablePointer<NumberPointMessage> {
            let message: UnsafeMutablePointer<NumberPointMessage> = try arena.message(opentelemetry__proto__metrics__v1__number_data_point__init)
            (message.pointee.n_attributes, message.pointee.attributes) = try keyValues(point.attributes)
            setTime(&message.pointee.start_time_unix_nano, &message.pointee.has_start_time_unix_nano, point.startTime)
            setTime(&message.pointee.time_unix_nano, &message.pointee.has_time_unix_nano, point.time)
            switch point.value {
            case .int(let value):
                message.pointee.value_case = OPENTELEMETRY__PROTO__METRICS__V1__NUMBER_DATA_POINT__VALUE_AS_INT
                message.pointee.as_int = value
            case .double(let value):
                message.pointee.value_case = OPENTELEMETRY__PROTO__METRICS__V1__NUMBER_DATA_POINT__VALUE_AS_DOUBLE
                message.pointee.as_double = value
            }
            (message.pointee.n_exemplars, message.pointee.exemplars) = try arena.list(point.exemplars, exemplar)
            setFlags(&message.pointee.flags, &message.pointee.has_flags, point.flags)
            return message
        }

        private func histogramPoint(_ point: HistogramPoint) throws(OTLPEncodingError) -> UnsafeMutablePointer<HistogramPointMessage> {
            let message: UnsafeMutablePointer<HistogramPointMessage> = try arena.message(opentelemetry__proto__metrics__v1__histogram_data_point__init)
            (message.pointee.n_attributes, message.pointee.attributes) = try keyValues(point.attributes)
            setTime(&message.pointee.start_time_unix_nano, &message.pointee.has_start_time_unix_nano, point.startTime)
            setTime(&message.pointee.time_unix_nano, &message.pointee.has_time_unix_nano, point.time)
            message.pointee.count = point.count
            message.pointee.has_count = point.count != 0 ? 1 : 0
            message.pointee.sum = point.sum
            message.pointee.has_sum = 1
            (message.pointee.n_bucket_counts, message.pointee.bucket_counts) = try arena.scalars(point.bucketCounts)
            (message.pointee.n_explicit_bounds, message.pointee.explicit_bounds) = try arena.scalars(point.boundaries)
            (message.pointee.n_exemplars, message.pointee.exemplars) = try arena.list(point.exemplars, exemplar)
            setOptional(&message.pointee.min, &message.pointee.has_min, point.min)
            setOptional(&message.pointee.max, &message.pointee.has_max, point.max)
            setFlags(&message.pointee.flags, &message.pointee.has_flags, point.flags)
            return message
        }

        private func exponentialPoint(_ point: ExponentialHistogramPoint) throws(OTLPEncodingError) -> UnsafeMutablePointer<ExponentialPointMessage> {
            let message: UnsafeMutablePointer<ExponentialPointMessage> = try arena.message(opentelemetry__proto__metrics__v1__exponential_histogram_data_point__init)
            (message.pointee.n_attributes, message.pointee.attributes) = try keyValues(point.attributes)
            setTime(&message.pointee.start_time_unix_nano, &message.pointee.has_start_time_unix_nano, point.startTime)
            setTime(&message.pointee.time_unix_nano, &message.pointee.has_time_unix_nano, point.time)
            message.pointee.count = point.count
            message.pointee.has_count = point.count != 0 ? 1 : 0
            message.pointee.sum = point.sum
            message.pointee.has_sum = 1
            message.pointee.scale = point.scale
            message.pointee.has_scale = point.scale != 0 ? 1 : 0
            message.pointee.zero_count = point.zeroCount
            message.pointee.has_zero_count = point.zeroCount != 0 ? 1 : 0
            message.pointee.positive = try buckets(point.positive)
            message.pointee.negative = try buckets(point.negative)
            (message.pointee.n_exemplars, message.pointee.exemplars) = try arena.list(point.exemplars, exemplar)
            setOptional(&message.pointee.min, &message.pointee.has_min, point.min)
            setOptional(&message.pointee.max, &message.pointee.has_max, point.max)
            message.pointee.zero_threshold = point.zeroThreshold
            message.pointee.has_zero_threshold = point.zeroThreshold != 0 ? 1 : 0
            setFlags(&message.pointee.flags, &message.pointee.has_flags, point.flags)
            return message
        }

        private func buckets(_ buckets: ExponentialHistogramPoint.Buckets) throws(OTLPEncodingError) -> UnsafeMutablePointer<BucketsMessage> {
            let message: UnsafeMutablePointer<BucketsMessage> = try arena.message(opentelemetry__proto__metrics__v1__exponential_histogram_data_point__buckets__init)
            message.pointee.offset = buckets.offset
            message.pointee.has_offset = buckets.offset != 0 ? 1 : 0
            (message.pointee.n_bucket_counts, message.pointee.bucket_counts) = try arena.scalars(buckets.counts)
            return message
        }

        private func exemplar(_ exemplar: Exemplar) throws(OTLPEncodingError) -> UnsafeMutablePointer<ExemplarMessage> {
            let message: UnsafeMutablePointer<ExemplarMessage> = try arena.message(opentelemetry__proto__metrics__v1__exemplar__init)
            (message.pointee.n_filtered_attributes, message.pointee.filtered_attributes) = try keyValues(exemplar.filteredAttributes)
            setTime(&message.pointee.time_unix_nano, &message.pointee.has_time_unix_nano, exemplar.time)
            switch exemplar.value {
            case .int(let value):
                message.pointee.value_case = OPENTELEMETRY__PROTO__METRICS__V1__EXEMPLAR__VALUE_AS_INT
                message.pointee.as_int = value
            case .double(let value):
                message.pointee.value_case = OPENTELEMETRY__PROTO__METRICS__V1__EXEMPLAR__VALUE_AS_DOUBLE
                message.pointee.as_double = value
            }
            if let spanID = exemplar.spanID {
                message.pointee.span_id = try arena.binary(spanID.bytes)
                message.pointee.has_span_id = 1
            }
            if let traceID = exemplar.traceID {
                message.pointee.trace_id = try arena.binary(traceID.bytes)
                message.pointee.has_trace_id = 1
            }
            return message
        }

        /// The OTLP `KeyValue` list of `attributes`, shared with the trace encoder.
        func keyValues(_ attributes: Attributes) throws(OTLPEncodingError) -> (Int, UnsafeMutablePointer<UnsafeMutablePointer<KeyValueMessage>?>?) {
            try arena.list(attributes.elements) { (attribute: Attribute) throws(OTLPEncodingError) in
                let message: UnsafeMutablePointer<KeyValueMessage> = try arena.message(opentelemetry__proto__common__v1__key_value__init)
                message.pointee.key = try arena.string(attribute.key)
                message.pointee.value = try anyValue(attribute.value)
                return message
            }
        }

        private func anyValue(_ value: AttributeValue) throws(OTLPEncodingError) -> UnsafeMutablePointer<AnyValueMessage> {
            switch value {
            case .string(let text): return try scalar(.string(text))
            case .int(let number): return try scalar(.int(number))
            case .double(let number): return try scalar(.double(number))
            case .bool(let flag): return try scalar(.bool(flag))
            case .stringArray(let values): return try array(values.map { .string($0) })
            case .intArray(let values): return try array(values.map { .int($0) })
            case .doubleArray(let values): return try array(values.map { .double($0) })
            case .boolArray(let values): return try array(values.map { .bool($0) })
            }
        }

        private enum Scalar {
            case string(String), int(Int64), double(Double), bool(Bool)
        }

        private func scalar(_ value: Scalar) throws(OTLPEncodingError) -> UnsafeMutablePointer<AnyValueMessage> {
            let message: UnsafeMutablePointer<AnyValueMessage> = try arena.message(opentelemetry__proto__common__v1__any_value__init)
            switch value {
            case .string(let text):
                message.pointee.value_case = OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE_STRING_VALUE
                // A oneof string is written even when empty, so it needs a pointer to an empty C string.
                if let copy = try arena.string(text) {
                    message.pointee.string_value = copy
                } else {
                    message.pointee.string_value = try emptyString()
                }
            case .int(let number):
                message.pointee.value_case = OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE_INT_VALUE
                message.pointee.int_value = number
            case .double(let number):
                message.pointee.value_case = OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE_DOUBLE_VALUE
                message.pointee.double_value = number
            case .bool(let flag):
                message.pointee.value_case = OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE_BOOL_VALUE
                message.pointee.bool_value = flag ? 1 : 0
            }
            return message
        }

        private func array(_ values: [Scalar]) throws(OTLPEncodingError) -> UnsafeMutablePointer<AnyValueMessage> {
            let message: UnsafeMutablePointer<AnyValueMessage> = try arena.message(opentelemetry__proto__common__v1__any_value__init)
            let array: UnsafeMutablePointer<ArrayValueMessage> = try arena.message(opentelemetry__proto__common__v1__array_value__init)
            (array.pointee.n_values, array.pointee.values) = try arena.list(values) { (value: Scalar) throws(OTLPEncodingError) in try scalar(value) }
            message.pointee.value_case = OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE_ARRAY_VALUE
            message.pointee.array_value = array
            return message
        }

        private func emptyString() throws(OTLPEncodingError) -> UnsafeMutablePointer<CChar> {
            let byte = try arena.buffer(of: CChar.self, count: 1)
            byte.initialize(to: 0)
            return byte
        }

        private func temporality(_ temporality: AggregationTemporality) -> Opentelemetry__Proto__Metrics__V1__AggregationTemporality {
            switch temporality {
            case .delta: return OPENTELEMETRY__PROTO__METRICS__V1__AGGREGATION_TEMPORALITY__AGGREGATION_TEMPORALITY_DELTA
            case .cumulative: return OPENTELEMETRY__PROTO__METRICS__V1__AGGREGATION_TEMPORALITY__AGGREGATION_TEMPORALITY_CUMULATIVE
            }
        }

        private func setTime(_ field: inout UInt64, _ presence: inout protobuf_c_boolean, _ time: Timestamp) {
            field = time.nanosecondsSinceEpoch
            presence = field != 0 ? 1 : 0
        }

        private func setFlags(_ field: inout UInt32, _ presence: inout protobuf_c_boolean, _ flags: DataPointFlags) {
            field = flags.rawValue
            presence = field != 0 ? 1 : 0
        }

        private func setOptional(_ field: inout Double, _ presence: inout protobuf_c_boolean, _ value: Double?) {
            guard let value else { return }
            field = value
            presence = 1
        }
    }
}
