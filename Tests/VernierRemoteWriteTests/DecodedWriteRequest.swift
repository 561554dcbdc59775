import CProtobufC
import VernierPrometheus
import VernierProto
@testable import VernierRemoteWrite

/// A remote-write body decoded back through protobuf-c and libsnappy, in Swift values tests can compare.
struct DecodedWriteRequest {
    struct Series {
        var labels: [(name: String, value: String)]
        var samples: [(value: Double, timestamp: Int64)]
        var exemplars: [(labels: [String: String], value: Double, timestamp: Int64)]
        var histograms: [Histogram] = []

        var name: String { self["__name__"] ?? "" }

        subscript(label: String) -> String? {
            labels.first { $0.name == label }?.value
        }
    }

    /// A native histogram with integer counts, as `prometheus.Histogram` carries it.
    struct Histogram: Equatable {
        var count: UInt64
        var sum: Double
        var schema: Int32
        var zeroThreshold: Double
        var zeroCount: UInt64
        var positiveSpans: [NativeHistogramBuckets.Span]
        var positiveDeltas: [Int64]
        var negativeSpans: [NativeHistogramBuckets.Span]
        var negativeDeltas: [Int64]
        var resetHint: UInt32
        var timestamp: Int64
    }

    struct Metadata: Equatable {
        var type: UInt32
        var family: String
        var help: String
        var unit: String
    }

    var series: [Series] = []
    var metadata: [Metadata] = []

    /// Decodes a snappy-compressed body; nil when either layer is invalid.
    init?(compressed body: [UInt8]) {
        guard let protobuf = Snappy.decompress(body) else { return nil }
        self.init(protobuf: protobuf)
    }

    init?(protobuf: [UInt8]) {
        let decoded = protobuf.withUnsafeBufferPointer { prometheus__write_request__unpack(nil, $0.count, $0.baseAddress) }
        guard let request = decoded else { return nil }
        defer { prometheus__write_request__free_unpacked(request, nil) }
        for index in 0..<request.pointee.n_timeseries {
            let entry = request.pointee.timeseries[index]!.pointee
            var series = Series(labels: Self.labels(entry.labels, count: entry.n_labels), samples: [], exemplars: [])
            for sample in 0..<entry.n_samples {
                let value = entry.samples[sample]!.pointee
                series.samples.append((value.value, value.timestamp))
            }
            for histogram in 0..<entry.n_histograms {
                series.histograms.append(Self.histogram(entry.histograms[histogram]!.pointee))
            }
            for exemplar in 0..<entry.n_exemplars {
                let value = entry.exemplars[exemplar]!.pointee
                let labels = Dictionary(uniqueKeysWithValues: Self.labels(value.labels, count: value.n_labels).map { ($0.name, $0.value) })
                series.exemplars.append((labels, value.value, value.timestamp))
            }
            self.series.append(series)
        }
        for index in 0..<request.pointee.n_metadata {
            let entry = request.pointee.metadata[index]!.pointee
            metadata.append(Metadata(
                type: entry.type.rawValue, family: Self.string(entry.metric_family_name),
                help: Self.string(entry.help), unit: Self.string(entry.unit)))
        }
    }

    /// The series with `name` whose labels include `matching`.
    func series(_ name: String, _ matching: [String: String] = [:]) -> [Series] {
        series.filter { series in
            series.name == name && matching.allSatisfy { series[$0.key] == $0.value }
        }
    }

    private static func labels(_ labels: UnsafeMutablePointer<UnsafeMutablePointer<Prometheus__Label>?>?, count: Int) -> [(name: String, value: String)] {
        (0..<count).map { index in
            let label = labels![index]!.pointee
            return (string(label.name), string(label.value))
        }
    }

    private static func histogram(_ message: Prometheus__Histogram) -> Histogram {
        func spans(_ spans: UnsafeMutablePointer<UnsafeMutablePointer<Prometheus__BucketSpan>?>?, count: Int) -> [NativeHistogramBuckets.Span] {
            (0..<count).map { NativeHistogramBuckets.Span(offset: spans![$0]!.pointee.offset, length: spans![$0]!.pointee.length) }
        }
        func deltas(_ deltas: UnsafeMutablePointer<Int64>?, count: Int) -> [Int64] {
            (0..<count).map { deltas![$0] }
        }
        return Histogram(
            count: message.count_case == PROMETHEUS__HISTOGRAM__COUNT_COUNT_INT ? message.count_int : 0, sum: message.sum,
            schema: message.schema, zeroThreshold: message.zero_threshold,
            zeroCount: message.zero_count_case == PROMETHEUS__HISTOGRAM__ZERO_COUNT_ZERO_COUNT_INT ? message.zero_count_int : 0,
            positiveSpans: spans(message.positive_spans, count: message.n_positive_spans),
            positiveDeltas: deltas(message.positive_deltas, count: message.n_positive_deltas),
            negativeSpans: spans(message.negative_spans, count: message.n_negative_spans),
            negativeDeltas: deltas(message.negative_deltas, count: message.n_negative_deltas),
            resetHint: message.reset_hint.rawValue, timestamp: message.timestamp)
    }

    private static func string(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }
}
