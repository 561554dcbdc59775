import CProtobufC
import Vernier
import VernierProto
import VernierProtoArena

private typealias MetricFamilyMessage = Io__Prometheus__Client__MetricFamily
private typealias MetricMessage = Io__Prometheus__Client__Metric
private typealias LabelPairMessage = Io__Prometheus__Client__LabelPair
private typealias HistogramMessage = Io__Prometheus__Client__Histogram
private typealias BucketSpanMessage = Io__Prometheus__Client__BucketSpan
private typealias ExemplarMessage = Io__Prometheus__Client__Exemplar
private typealias TimestampMessage = Io__Prometheus__Client__Timestamp
private typealias OutOfMemory = ClientModelOutOfMemory
private typealias MessageList<Message> = (count: Int, pointers: UnsafeMutablePointer<UnsafeMutablePointer<Message>?>?)

/// Writes a catalog in the Prometheus protobuf format: one `io.prometheus.client.MetricFamily` message per
/// family, each preceded by its length as a varint.
///
/// Names, labels, help and types are the text formats', read from the same catalog: counters are named with
/// their `_total` as client_golang names them, histograms carry cumulative buckets up to `+Inf`, and
/// exponential histograms become native histograms. Each family is built in one arena and packed at once.
final class ProtobufExpositionWriter {
    private let naming: PrometheusNaming
    private let catalog: ExpositionCatalog
    private let values: ExpositionValues
    private let arena = ClientModelArena(failingWith: ClientModelOutOfMemory())
    /// The delimited messages written so far.
    private(set) var body: [UInt8] = []
    /// What encoding left out, beyond the catalog's drops.
    private(set) var drops: [PrometheusDrop] = []

    init(naming: PrometheusNaming, catalog: ExpositionCatalog, values: ExpositionValues) {
        self.naming = naming
        self.catalog = catalog
        self.values = values
    }

    /// Writes `target_info`, then every family, then the native histogram families.
    func writeAll() {
        if let labels = catalog.targetInfoLabels {
            writeFamily(name: PrometheusNaming.targetInfoName, help: "Target metadata", type: IO__PROMETHEUS__CLIENT__METRIC_TYPE__GAUGE, items: [labels]) {
                labels throws(OutOfMemory) in
                let message = try self.metric(labels: labels)
                message.pointee.gauge = try self.gauge(1)
                return message
            }
        }
        for family in catalog.families {
            write(family)
        }
        for family in catalog.nativeHistogramFamilies {
            write(family)
        }
    }

    private func write(_ family: ExpositionCatalog.Family) {
        let definition = family.definition
        switch definition.kind {
        case .counter:
            writeFamily(name: definition.name, help: definition.help, type: IO__PROMETHEUS__CLIENT__METRIC_TYPE__COUNTER, items: family.series) {
                series throws(OutOfMemory) in
                let message = try self.metric(labels: series.labels)
                message.pointee.counter = try self.counter(series)
                return message
            }
        case .gauge:
            writeFamily(name: definition.name, help: definition.help, type: IO__PROMETHEUS__CLIENT__METRIC_TYPE__GAUGE, items: family.series) {
                series throws(OutOfMemory) in
                let message = try self.metric(labels: series.labels)
                message.pointee.gauge = try self.gauge(self.values.value(of: series).doubleValue)
                return message
            }
        case .histogram:
            writeFamily(name: definition.name, help: definition.help, type: IO__PROMETHEUS__CLIENT__METRIC_TYPE__HISTOGRAM, items: family.series) {
                series throws(OutOfMemory) in
                let message = try self.metric(labels: series.labels)
                message.pointee.histogram = try self.classicHistogram(self.values.withHistogramPoint(of: series) { $0 })
                return message
            }
        case .summary:
            writeFamily(name: definition.name, help: definition.help, type: IO__PROMETHEUS__CLIENT__METRIC_TYPE__SUMMARY, items: family.series) {
                series throws(OutOfMemory) in
                let message = try self.metric(labels: series.labels)
                message.pointee.summary = try self.summary(self.values.summaryPoint(of: series))
                return message
            }
        case .nativeHistogram:
            writeFamily(name: definition.name, help: definition.help, type: IO__PROMETHEUS__CLIENT__METRIC_TYPE__HISTOGRAM, items: family.series) {
                series throws(OutOfMemory) in
                let point = self.values.exponentialHistogramPoint(of: series)
                guard let buckets = NativeHistogramBuckets(point) else {
                    self.drops.append(PrometheusDrop(metricName: definition.baseName, reason: .unsupportedScale, pointCount: 1, detail: "\(point.scale)"))
                    return nil
                }
                let message = try self.metric(labels: series.labels)
                message.pointee.histogram = try self.nativeHistogram(point, buckets: buckets)
                return message
            }
        }
    }

    /// Builds a family from one metric message per item (items whose `metric` is nil are left out) and appends
    /// it, unless no metric is left: Prometheus expects at least one per family. Memory running out drops the
    /// family.
    private func writeFamily<Items: Collection>(
        name: String, help: String, type: Io__Prometheus__Client__MetricType, items: Items,
        metric: (Items.Element) throws(OutOfMemory) -> UnsafeMutablePointer<MetricMessage>?
    ) {
        defer { arena.reset() }
        do throws(OutOfMemory) {
            var metrics: [UnsafeMutablePointer<MetricMessage>?] = []
            for item in items {
                if let message = try metric(item) { metrics.append(message) }
            }
            guard !metrics.isEmpty else { return }
            let family: UnsafeMutablePointer<MetricFamilyMessage> = try arena.message(io__prometheus__client__metric_family__init)
            family.pointee.name = try arena.string(name)
            family.pointee.help = try arena.string(help)
            family.pointee.has_type = 1
            family.pointee.type = type
            (family.pointee.n_metric, family.pointee.metric) = try arena.scalars(metrics)
            ClientModelArena.appendDelimited(family, to: &body)
        } catch {
            drops.append(PrometheusDrop(metricName: name, reason: .outOfMemory, pointCount: items.count))
        }
    }

    /// A metric with the labels rendered at `labels` in the catalog and no value yet.
    private func metric(labels: Range<Int32>) throws(OutOfMemory) -> UnsafeMutablePointer<MetricMessage> {
        let message: UnsafeMutablePointer<MetricMessage> = try arena.message(io__prometheus__client__metric__init)
        (message.pointee.n_label, message.pointee.label) = try labelPairs(RenderedLabels.pairs(in: catalog.labelBytes, range: labels))
        return message
    }

    private func labelPairs(_ pairs: [(name: String, value: String)]) throws(OutOfMemory) -> MessageList<LabelPairMessage> {
        try arena.list(pairs) { pair throws(OutOfMemory) in
            let message: UnsafeMutablePointer<LabelPairMessage> = try arena.message(io__prometheus__client__label_pair__init)
            message.pointee.name = try arena.string(pair.name)
            message.pointee.value = try arena.string(pair.value)
            return message
        }
    }

    private func gauge(_ value: Double) throws(OutOfMemory) -> UnsafeMutablePointer<Io__Prometheus__Client__Gauge> {
        let gauge: UnsafeMutablePointer<Io__Prometheus__Client__Gauge> = try arena.message(io__prometheus__client__gauge__init)
        gauge.pointee.has_value = 1
        gauge.pointee.value = value
        return gauge
    }

    /// A counter's value, its latest exemplar and when it started counting.
    private func counter(_ series: ExpositionCatalog.Series) throws(OutOfMemory) -> UnsafeMutablePointer<Io__Prometheus__Client__Counter> {
        let counter: UnsafeMutablePointer<Io__Prometheus__Client__Counter> = try arena.message(io__prometheus__client__counter__init)
        counter.pointee.has_value = 1
        counter.pointee.value = values.value(of: series).doubleValue
        if let latest = ExemplarSelection.latest(values.exemplars(of: series)) {
            counter.pointee.exemplar = try exemplar(latest)
        }
        counter.pointee.created_timestamp = try timestamp(values.startTime(of: series))
        return counter
    }

    /// An explicit-bucket histogram: cumulative buckets up to `+Inf`, each with the exemplar the text format
    /// would show.
    private func classicHistogram(_ point: HistogramPoint) throws(OutOfMemory) -> UnsafeMutablePointer<HistogramMessage> {
        let histogram = try histogram(sum: point.sum, start: point.startTime)
        let exemplars = ExemplarSelection.perBucket(point)
        var cumulative: UInt64 = 0
        (histogram.pointee.n_bucket, histogram.pointee.bucket) = try arena.list(point.bucketCounts.indices) {
            index throws(OutOfMemory) in
            cumulative &+= point.bucketCounts[index]
            let bucket: UnsafeMutablePointer<Io__Prometheus__Client__Bucket> = try arena.message(io__prometheus__client__bucket__init)
            bucket.pointee.has_cumulative_count = 1
            bucket.pointee.cumulative_count = cumulative
            bucket.pointee.has_upper_bound = 1
            bucket.pointee.upper_bound = index < point.boundaries.count ? point.boundaries[index] : .infinity
            if index < exemplars.count, let chosen = exemplars[index] {
                bucket.pointee.exemplar = try exemplar(chosen)
            }
            return bucket
        }
        histogram.pointee.has_sample_count = 1
        histogram.pointee.sample_count = cumulative
        return histogram
    }

    /// A summary: its quantiles, count, sum and when accumulation began.
    private func summary(_ point: SummaryPoint) throws(OutOfMemory) -> UnsafeMutablePointer<Io__Prometheus__Client__Summary> {
        let summary: UnsafeMutablePointer<Io__Prometheus__Client__Summary> = try arena.message(io__prometheus__client__summary__init)
        summary.pointee.has_sample_count = 1
        summary.pointee.sample_count = point.count
        summary.pointee.has_sample_sum = 1
        summary.pointee.sample_sum = point.sum
        (summary.pointee.n_quantile, summary.pointee.quantile) = try arena.list(point.quantiles) { quantile throws(OutOfMemory) in
            let message: UnsafeMutablePointer<Io__Prometheus__Client__Quantile> = try arena.message(io__prometheus__client__quantile__init)
            message.pointee.has_quantile = 1
            message.pointee.quantile = quantile.quantile
            message.pointee.has_value = 1
            message.pointee.value = quantile.value
            return message
        }
        summary.pointee.created_timestamp = try timestamp(point.startTime)
        return summary
    }

    /// An exponential histogram as a native histogram, with all of its exemplars.
    private func nativeHistogram(
        _ point: ExponentialHistogramPoint, buckets: NativeHistogramBuckets
    ) throws(OutOfMemory) -> UnsafeMutablePointer<HistogramMessage> {
        let histogram = try histogram(sum: point.sum, start: point.startTime)
        histogram.pointee.has_sample_count = 1
        histogram.pointee.sample_count = point.count
        histogram.pointee.has_schema = 1
        histogram.pointee.schema = buckets.schema
        histogram.pointee.has_zero_threshold = 1
        histogram.pointee.zero_threshold = buckets.zeroThreshold
        histogram.pointee.has_zero_count = 1
        histogram.pointee.zero_count = point.zeroCount
        (histogram.pointee.n_positive_span, histogram.pointee.positive_span) = try spans(buckets.positive.spans)
        (histogram.pointee.n_positive_delta, histogram.pointee.positive_delta) = try arena.scalars(buckets.positive.deltas)
        (histogram.pointee.n_negative_span, histogram.pointee.negative_span) = try spans(buckets.negative.spans)
        (histogram.pointee.n_negative_delta, histogram.pointee.negative_delta) = try arena.scalars(buckets.negative.deltas)
        (histogram.pointee.n_exemplars, histogram.pointee.exemplars) = try arena.list(point.exemplars, exemplar)
        return histogram
    }

    /// A histogram message with the parts both kinds share: the sum and when accumulation began.
    private func histogram(sum: Double, start: Timestamp) throws(OutOfMemory) -> UnsafeMutablePointer<HistogramMessage> {
        let histogram: UnsafeMutablePointer<HistogramMessage> = try arena.message(io__prometheus__client__histogram__init)
        histogram.pointee.has_sample_sum = 1
        histogram.pointee.sample_sum = sum
        histogram.pointee.created_timestamp = try timestamp(start)
        return histogram
    }

    private func spans(_ spans: [NativeHistogramBuckets.Span]) throws(OutOfMemory) -> MessageList<BucketSpanMessage> {
        try arena.list(spans) { span throws(OutOfMemory) in
            let message: UnsafeMutablePointer<BucketSpanMessage> = try arena.message(io__prometheus__client__bucket_span__init)
            message.pointee.has_offset = 1
            message.pointee.offset = span.offset
            message.pointee.has_length = 1
            message.pointee.length = span.length
            return message
        }
    }

    /// An exemplar with the labels the text formats show (`trace_id`, `span_id`, filtered attributes).
    private func exemplar(_ exemplar: Exemplar) throws(OutOfMemory) -> UnsafeMutablePointer<ExemplarMessage> {
        let message: UnsafeMutablePointer<ExemplarMessage> = try arena.message(io__prometheus__client__exemplar__init)
        let labels = ExemplarSelection.labels(of: exemplar, naming: naming).map { (name: $0.0, value: $0.1) }
        (message.pointee.n_label, message.pointee.label) = try labelPairs(labels)
        message.pointee.has_value = 1
        message.pointee.value = exemplar.value.doubleValue
        message.pointee.timestamp = try timestamp(exemplar.time)
        return message
    }

    /// A `google.protobuf.Timestamp`; nil for the zero time, which means unknown.
    private func timestamp(_ time: Timestamp) throws(OutOfMemory) -> UnsafeMutablePointer<TimestampMessage>? {
        guard time.nanosecondsSinceEpoch > 0 else { return nil }
        let message: UnsafeMutablePointer<TimestampMessage> = try arena.message(io__prometheus__client__timestamp__init)
        message.pointee.has_seconds = 1
        message.pointee.seconds = Int64(time.nanosecondsSinceEpoch / 1_000_000_000)
        message.pointee.has_nanos = 1
        message.pointee.nanos = Int32(time.nanosecondsSinceEpoch % 1_000_000_000)
        return message
    }
}
