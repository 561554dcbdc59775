import CProtobufC
import VernierProto

/// A protobuf exposition body read back with protobuf-c's generated `MetricFamily` decoder, as plain values.
struct DecodedMetricFamily {
    struct Exemplar {
        let labels: [String: String]
        let value: Double
        let seconds: Int64
        let nanos: Int32
    }

    struct Bucket {
        let upperBound: Double
        let cumulativeCount: UInt64
        let exemplar: Exemplar?
    }

    struct Span: Equatable {
        let offset: Int32
        let length: UInt32
    }

    struct Histogram {
        let count: UInt64
        let sum: Double
        let buckets: [Bucket]
        let createdSeconds: Int64?
        let hasSchema: Bool
        let schema: Int32
        let zeroThreshold: Double
        let zeroCount: UInt64
        let positiveSpans: [Span]
        let positiveDeltas: [Int64]
        let negativeSpans: [Span]
        let negativeDeltas: [Int64]
        let exemplars: [Exemplar]
    }

    struct Metric {
        let labels: [String: String]
        let counter: Double?
        let counterExemplar: Exemplar?
        let counterCreatedSeconds: Int64?
        let gauge: Double?
        let histogram: Histogram?
    }

    let name: String
    let help: String
    let type: Io__Prometheus__Client__MetricType
    let metrics: [Metric]

    /// The families of a delimited body; nil when a length or a message does not decode.
    static func decode(_ body: [UInt8]) -> [DecodedMetricFamily]? {
        var families: [DecodedMetricFamily] = []
        var index = 0
        while index < body.count {
            var length = 0
            var shift = 0
            while true {
                guard index < body.count, shift < 64 else { return nil }
                let byte = body[index]
                index += 1
                length |= Int(byte & 0x7F) << shift
                shift += 7
                if byte < 0x80 { break }
            }
            guard index + length <= body.count else { return nil }
            let family = body[index..<index + length].withUnsafeBufferPointer { bytes in
                io__prometheus__client__metric_family__unpack(nil, length, bytes.baseAddress)
            }
            guard let family else { return nil }
            families.append(DecodedMetricFamily(family.pointee))
            io__prometheus__client__metric_family__free_unpacked(family, nil)
            index += length
        }
        return families
    }

    private init(_ family: Io__Prometheus__Client__MetricFamily) {
        name = family.name.map { String(cString: $0) } ?? ""
        help = family.help.map { String(cString: $0) } ?? ""
        type = family.type
        metrics = Self.array(family.metric, family.n_metric).map { Metric($0!.pointee) }
    }

    fileprivate static func array<Element>(_ pointer: UnsafeMutablePointer<Element>?, _ count: Int) -> [Element] {
        guard let pointer else { return [] }
        return Array(UnsafeBufferPointer(start: pointer, count: count))
    }

    fileprivate static func labels(_ pointer: UnsafeMutablePointer<UnsafeMutablePointer<Io__Prometheus__Client__LabelPair>?>?, _ count: Int) -> [String: String] {
        Dictionary(uniqueKeysWithValues: array(pointer, count).map { pair in
            (pair!.pointee.name.map { String(cString: $0) } ?? "", pair!.pointee.value.map { String(cString: $0) } ?? "")
        })
    }
}

extension DecodedMetricFamily.Exemplar {
    fileprivate init?(_ exemplar: UnsafeMutablePointer<Io__Prometheus__Client__Exemplar>?) {
        guard let exemplar = exemplar?.pointee else { return nil }
        labels = DecodedMetricFamily.labels(exemplar.label, exemplar.n_label)
        value = exemplar.value
        seconds = exemplar.timestamp?.pointee.seconds ?? 0
        nanos = exemplar.timestamp?.pointee.nanos ?? 0
    }
}

extension DecodedMetricFamily.Metric {
    fileprivate init(_ metric: Io__Prometheus__Client__Metric) {
        labels = DecodedMetricFamily.labels(metric.label, metric.n_label)
        counter = metric.counter?.pointee.value
        counterExemplar = DecodedMetricFamily.Exemplar(metric.counter?.pointee.exemplar)
        counterCreatedSeconds = metric.counter?.pointee.created_timestamp?.pointee.seconds
        gauge = metric.gauge?.pointee.value
        histogram = metric.histogram.map { DecodedMetricFamily.Histogram($0.pointee) }
    }
}

extension DecodedMetricFamily.Histogram {
    fileprivate init(_ histogram: Io__Prometheus__Client__Histogram) {
        func spans(_ pointer: UnsafeMutablePointer<UnsafeMutablePointer<Io__Prometheus__Client__BucketSpan>?>?, _ count: Int) -> [DecodedMetricFamily.Span] {
            DecodedMetricFamily.array(pointer, count).map { DecodedMetricFamily.Span(offset: $0!.pointee.offset, length: $0!.pointee.length) }
        }
        count = histogram.sample_count
        sum = histogram.sample_sum
        buckets = DecodedMetricFamily.array(histogram.bucket, histogram.n_bucket).map { bucket in
            DecodedMetricFamily.Bucket(
                upperBound: bucket!.pointee.upper_bound, cumulativeCount: bucket!.pointee.cumulative_count,
                exemplar: DecodedMetricFamily.Exemplar(bucket!.pointee.exemplar)
            )
        }
        createdSeconds = histogram.created_timestamp?.pointee.seconds
        hasSchema = histogram.has_schema != 0
        schema = histogram.schema
        zeroThreshold = histogram.zero_threshold
        zeroCount = histogram.zero_count
        positiveSpans = spans(histogram.positive_span, histogram.n_positive_span)
        positiveDeltas = DecodedMetricFamily.array(histogram.positive_delta, histogram.n_positive_delta)
        negativeSpans = spans(histogram.negative_span, histogram.n_negative_span)
        negativeDeltas = DecodedMetricFamily.array(histogram.negative_delta, histogram.n_negative_delta)
        exemplars = DecodedMetricFamily.array(histogram.exemplars, histogram.n_exemplars).compactMap { DecodedMetricFamily.Exemplar($0) }
    }
}
