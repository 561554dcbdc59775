import CProtobufC
import VernierProto

/// Reads a Prometheus protobuf exposition body (`application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;
/// encoding=delimited`): `io.prometheus.client.MetricFamily` messages, each after its length as a varint.
///
/// Only this format carries native histograms, which come out as `ScrapedValue.nativeHistogram`; a histogram
/// with classic buckets only comes out as `.histogram`, its `+Inf` bucket added from the count when the body
/// leaves it out. Errors give line 1 and the byte column where the message that failed begins.
public struct ProtobufExpositionParser: Sendable {
    /// The `Content-Type` of the format, as scrapers ask for it.
    public static let contentType = "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited"

    /// Creates a parser.
    public init() {}

    /// Whether a response's `Content-Type` names this format.
    public static func isProtobuf(contentType: String) -> Bool {
        contentType.lowercased().hasPrefix("application/vnd.google.protobuf")
    }

    /// The families of `body`, in order.
    public func parse(_ body: [UInt8]) throws(ExpositionParseError) -> [ScrapedFamily] {
        var families: [ScrapedFamily] = []
        var offset = 0
        while offset < body.count {
            let start = offset
            func failure(_ reason: String) -> ExpositionParseError {
                ExpositionParseError(line: 1, column: start + 1, reason: "protobuf: \(reason)")
            }
            var length = 0
            var shift = 0
            while true {
                guard offset < body.count, shift < 35 else { throw failure("a message length that does not end") }
                let byte = body[offset]
                offset += 1
                length |= Int(byte & 0x7F) << shift
                shift += 7
                if byte < 0x80 { break }
            }
            guard length <= body.count - offset else { throw failure("a message of \(length) bytes where \(body.count - offset) are left") }
            let message = body.withUnsafeBufferPointer { bytes in
                io__prometheus__client__metric_family__unpack(nil, length, bytes.baseAddress! + offset)
            }
            guard let message else { throw failure("a MetricFamily that does not decode") }
            defer { io__prometheus__client__metric_family__free_unpacked(message, nil) }
            families.append(try Self.family(message.pointee, failure: failure))
            offset += length
        }
        return families
    }

    private static func family(
        _ family: Io__Prometheus__Client__MetricFamily, failure: (String) -> ExpositionParseError
    ) throws(ExpositionParseError) -> ScrapedFamily {
        guard let cName = family.name, case let name = String(cString: cName), !name.isEmpty else { throw failure("a family without a name") }
        let type: ScrapedMetricType
        switch family.type {
        case IO__PROMETHEUS__CLIENT__METRIC_TYPE__COUNTER: type = .counter
        case IO__PROMETHEUS__CLIENT__METRIC_TYPE__GAUGE: type = .gauge
        case IO__PROMETHEUS__CLIENT__METRIC_TYPE__SUMMARY: type = .summary
        case IO__PROMETHEUS__CLIENT__METRIC_TYPE__HISTOGRAM: type = .histogram
        case IO__PROMETHEUS__CLIENT__METRIC_TYPE__GAUGE_HISTOGRAM: type = .gaugeHistogram
        default: type = .unknown
        }
        var series: [ScrapedSeries] = []
        for index in 0..<family.n_metric {
            guard let metric = family.metric[index]?.pointee else { continue }
            series.append(try Self.series(metric, type: type, family: name, failure: failure))
        }
        return ScrapedFamily(
            name: name, type: type, help: family.help.map { String(cString: $0) } ?? "",
            unit: family.unit.map { String(cString: $0) } ?? "", series: series)
    }

    private static func series(
        _ metric: Io__Prometheus__Client__Metric, type: ScrapedMetricType, family: String, failure: (String) -> ExpositionParseError
    ) throws(ExpositionParseError) -> ScrapedSeries {
        let labels = (0..<metric.n_label).compactMap { metric.label[$0].map { Self.label($0.pointee) } }
        let timestamp = metric.has_timestamp_ms != 0 ? metric.timestamp_ms : nil
        switch type {
        case .counter:
            guard let counter = metric.counter?.pointee else { throw failure("counter '\(family)' without its counter value") }
            return ScrapedSeries(
                labels: labels, value: .number(counter.value), timestampMilliseconds: timestamp,
                createdSeconds: counter.created_timestamp.map { Self.seconds($0.pointee) },
                exemplars: counter.exemplar.map { [Self.exemplar($0.pointee)] } ?? [])
        case .summary:
            guard let summary = metric.summary?.pointee else { throw failure("summary '\(family)' without its summary value") }
            let quantiles = (0..<summary.n_quantile).compactMap { summary.quantile[$0].map { ScrapedQuantile(quantile: $0.pointee.quantile, value: $0.pointee.value) } }
            return ScrapedSeries(
                labels: labels,
                value: .summary(ScrapedSummary(quantiles: quantiles, count: Double(summary.sample_count), sum: summary.sample_sum)),
                timestampMilliseconds: timestamp, createdSeconds: summary.created_timestamp.map { Self.seconds($0.pointee) })
        case .histogram, .gaugeHistogram:
            guard let histogram = metric.histogram?.pointee else { throw failure("histogram '\(family)' without its histogram value") }
            return ScrapedSeries(
                labels: labels, value: Self.histogramValue(histogram), timestampMilliseconds: timestamp,
                createdSeconds: histogram.created_timestamp.map { Self.seconds($0.pointee) }, exemplars: Self.exemplars(of: histogram))
        case .gauge, .unknown, .info, .stateSet:
            let value = metric.gauge?.pointee.value ?? metric.untyped?.pointee.value
            guard let value else { throw failure("'\(family)' without a value") }
            return ScrapedSeries(labels: labels, value: .number(value), timestampMilliseconds: timestamp)
        }
    }

    /// A native histogram when the message has a schema or native buckets, else its classic buckets.
    private static func histogramValue(_ histogram: Io__Prometheus__Client__Histogram) -> ScrapedValue {
        let count = histogram.has_sample_count_float != 0 ? histogram.sample_count_float : Double(histogram.sample_count)
        let isNative = histogram.has_schema != 0 || histogram.n_positive_span > 0 || histogram.n_negative_span > 0
        guard isNative else {
            var buckets = (0..<histogram.n_bucket).compactMap { index in
                histogram.bucket[index].map { bucket in
                    ScrapedBucket(
                        upperBound: bucket.pointee.upper_bound,
                        cumulativeCount: bucket.pointee.has_cumulative_count_float != 0
                            ? bucket.pointee.cumulative_count_float : Double(bucket.pointee.cumulative_count))
                }
            }
            if buckets.last?.upperBound != .infinity { buckets.append(ScrapedBucket(upperBound: .infinity, cumulativeCount: count)) }
            return .histogram(ScrapedHistogram(buckets: buckets, count: count, sum: histogram.sample_sum))
        }
        return .nativeHistogram(ScrapedNativeHistogram(
            schema: histogram.schema, zeroThreshold: histogram.zero_threshold,
            zeroCount: histogram.has_zero_count_float != 0 ? histogram.zero_count_float : Double(histogram.zero_count),
            positive: buckets(spans: histogram.positive_span, histogram.n_positive_span, deltas: histogram.positive_delta,
                              histogram.n_positive_delta, counts: histogram.positive_count, histogram.n_positive_count),
            negative: buckets(spans: histogram.negative_span, histogram.n_negative_span, deltas: histogram.negative_delta,
                              histogram.n_negative_delta, counts: histogram.negative_count, histogram.n_negative_count),
            count: count, sum: histogram.sample_sum))
    }

    /// Spans and their counts (integer deltas, each from the previous bucket, or float absolute counts) as dense
    /// buckets: the gaps between spans become zero counts.
    private static func buckets(
        spans: UnsafeMutablePointer<UnsafeMutablePointer<Io__Prometheus__Client__BucketSpan>?>?, _ spanCount: Int,
        deltas: UnsafeMutablePointer<Int64>?, _ deltaCount: Int, counts: UnsafeMutablePointer<Double>?, _ countCount: Int
    ) -> ScrapedNativeHistogram.Buckets {
        var values: [Double] = []
        if let deltas, deltaCount > 0 {
            var running: Int64 = 0
            values = (0..<deltaCount).map { index in
                running &+= deltas[index]
                return Double(running)
            }
        } else if let counts, countCount > 0 {
            values = Array(UnsafeBufferPointer(start: counts, count: countCount))
        }
        var offset: Int32 = 0
        var dense: [Double] = []
        var next = 0
        var index: Int32 = 0
        for position in 0..<spanCount {
            guard let span = spans?[position]?.pointee else { continue }
            index += span.offset
            if position == 0 { offset = index } else { dense += Array(repeating: 0, count: Int(max(0, span.offset))) }
            for _ in 0..<span.length where next < values.count {
                dense.append(values[next])
                next += 1
            }
            index += Int32(span.length)
        }
        return ScrapedNativeHistogram.Buckets(offset: offset, counts: dense)
    }

    private static func exemplars(of histogram: Io__Prometheus__Client__Histogram) -> [ScrapedExemplar] {
        let native = (0..<histogram.n_exemplars).compactMap { histogram.exemplars[$0].map { Self.exemplar($0.pointee) } }
        let classic = (0..<histogram.n_bucket).compactMap { histogram.bucket[$0]?.pointee.exemplar.map { Self.exemplar($0.pointee) } }
        return native + classic
    }

    private static func label(_ pair: Io__Prometheus__Client__LabelPair) -> ScrapedLabel {
        ScrapedLabel(name: pair.name.map { String(cString: $0) } ?? "", value: pair.value.map { String(cString: $0) } ?? "")
    }

    private static func exemplar(_ exemplar: Io__Prometheus__Client__Exemplar) -> ScrapedExemplar {
        ScrapedExemplar(
            labels: (0..<exemplar.n_label).compactMap { exemplar.label[$0].map { Self.label($0.pointee) } },
            value: exemplar.value, timestampSeconds: exemplar.timestamp.map { Self.seconds($0.pointee) })
    }

    private static func seconds(_ timestamp: Io__Prometheus__Client__Timestamp) -> Double {
        Double(timestamp.seconds) + Double(timestamp.nanos) / 1e9
    }
}
