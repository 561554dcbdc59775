import CProtobufC
import VernierPrometheus
import VernierProto

/// Packs queued samples into a `prometheus.WriteRequest` through protobuf-c: one `TimeSeries` per sample,
/// in queue order (which is timestamp order for every series), as Prometheus's own sender does, plus the
/// metadata of every family present. A float sample goes in `samples`, a native histogram in `histograms`.
///
/// The `TimeSeries` and `Sample` messages and all pointer arrays are contiguous arena blocks; `Label`
/// messages come from `LabelMessages`, which shares them between neighbouring series.
enum WriteRequestEncoder {
    /// The compressed body of a request carrying `samples`, made in `buffers`, and its uncompressed size.
    static func encode(
        _ samples: ArraySlice<PendingSample>, includesMetadata: Bool, buffers: inout RequestBodyBuffers
    ) throws(RemoteWriteEncodingError) -> (bytes: [UInt8], uncompressedSize: Int) {
        let arena = buffers.arena
        defer { arena.reset() }
        let request: UnsafeMutablePointer<Prometheus__WriteRequest> = try arena.message(prometheus__write_request__init)
        if !samples.isEmpty {
            request.pointee.n_timeseries = samples.count
            request.pointee.timeseries = try timeSeries(samples, arena: arena)
        }
        if includesMetadata {
            let families = Self.families(of: samples)
            (request.pointee.n_metadata, request.pointee.metadata) = try arena.list(families) { (family: FamilyMetadata) throws(RemoteWriteEncodingError) in
                try metadata(family, arena: arena)
            }
        }
        return try buffers.body(of: request)
    }

    /// Each family once, in order of first appearance; the samples of a family are adjacent and share one
    /// `FamilyMetadata`, so the set is consulted only when it changes.
    private static func families(of samples: ArraySlice<PendingSample>) -> [FamilyMetadata] {
        var families: [FamilyMetadata] = []
        var seen: Set<String> = []
        var previous: FamilyMetadata?
        for sample in samples where sample.family !== previous {
            previous = sample.family
            if seen.insert(sample.family.name).inserted { families.append(sample.family) }
        }
        return families
    }

    /// The `timeseries` field: one series with one sample for each of `samples`, which must not be empty.
    private static func timeSeries(
        _ samples: ArraySlice<PendingSample>, arena: MessageArena
    ) throws(RemoteWriteEncodingError) -> UnsafeMutablePointer<UnsafeMutablePointer<Prometheus__TimeSeries>?> {
        let count = samples.count
        let series: UnsafeMutablePointer<Prometheus__TimeSeries> = try arena.messages(count: count, prometheus__time_series__init)
        let seriesPointers = try arena.buffer(of: UnsafeMutablePointer<Prometheus__TimeSeries>?.self, count: count)
        let values: UnsafeMutablePointer<Prometheus__Sample> = try arena.messages(count: count, prometheus__sample__init)
        let valuePointers = try arena.buffer(of: UnsafeMutablePointer<Prometheus__Sample>?.self, count: count)
        var labelPointers = try arena.buffer(
            of: UnsafeMutablePointer<Prometheus__Label>?.self, count: samples.reduce(0) { $0 + $1.labels.count })
        var labels = LabelMessages(arena: arena)
        for (index, position) in samples.indices.enumerated() {
            let entry = series + index
            switch samples[position].value {
            case .number(let number):
                let value = values + index
                value.pointee.has_value = isSet(number)
                value.pointee.value = number
                value.pointee.has_timestamp = isSet(samples[position].timestamp)
                value.pointee.timestamp = samples[position].timestamp
                valuePointers[index] = value
                entry.pointee.n_samples = 1
                entry.pointee.samples = valuePointers + index
            case .histogram(let histogram):
                let timestamp = samples[position].timestamp
                (entry.pointee.n_histograms, entry.pointee.histograms) = try arena.list(CollectionOfOne(histogram)) {
                    (histogram: NativeHistogramSample) throws(RemoteWriteEncodingError) in
                    try nativeHistogram(histogram, timestamp: timestamp, arena: arena)
                }
            }
            let sampleLabels = samples[position].labels
            entry.pointee.n_labels = sampleLabels.count
            entry.pointee.labels = labelPointers
            try labels.fill(labelPointers, with: sampleLabels)
            labelPointers += sampleLabels.count
            if !samples[position].exemplars.isEmpty {
                (entry.pointee.n_exemplars, entry.pointee.exemplars) = try arena.list(samples[position].exemplars) { (exemplar: ExemplarSample) throws(RemoteWriteEncodingError) in
                    try self.exemplar(exemplar, arena: arena)
                }
            }
            seriesPointers[index] = entry
        }
        return seriesPointers
    }

    private static func exemplar(_ exemplar: ExemplarSample, arena: MessageArena) throws(RemoteWriteEncodingError) -> UnsafeMutablePointer<Prometheus__Exemplar> {
        let message: UnsafeMutablePointer<Prometheus__Exemplar> = try arena.message(prometheus__exemplar__init)
        (message.pointee.n_labels, message.pointee.labels) = try arena.list(exemplar.labels) { (label: PrometheusLabel) throws(RemoteWriteEncodingError) in
            let message: UnsafeMutablePointer<Prometheus__Label> = try arena.message(prometheus__label__init)
            message.pointee.name = try arena.string(label.name)
            message.pointee.value = try arena.string(label.value)
            return message
        }
        message.pointee.has_value = isSet(exemplar.value)
        message.pointee.value = exemplar.value
        message.pointee.has_timestamp = isSet(exemplar.timestamp)
        message.pointee.timestamp = exemplar.timestamp
        return message
    }

    /// A native histogram with integer counts: delta-encoded buckets, and the reset hint left unknown, so
    /// that the receiver detects counter resets itself rather than trusting a hint it does not check.
    private static func nativeHistogram(
        _ histogram: NativeHistogramSample, timestamp: Int64, arena: MessageArena
    ) throws(RemoteWriteEncodingError) -> UnsafeMutablePointer<Prometheus__Histogram> {
        let message: UnsafeMutablePointer<Prometheus__Histogram> = try arena.message(prometheus__histogram__init)
        let buckets = histogram.buckets
        message.pointee.count_case = PROMETHEUS__HISTOGRAM__COUNT_COUNT_INT
        message.pointee.count_int = histogram.count
        message.pointee.has_sum = isSet(histogram.sum)
        message.pointee.sum = histogram.sum
        message.pointee.has_schema = isSet(buckets.schema)
        message.pointee.schema = buckets.schema
        message.pointee.has_zero_threshold = isSet(buckets.zeroThreshold)
        message.pointee.zero_threshold = buckets.zeroThreshold
        message.pointee.zero_count_case = PROMETHEUS__HISTOGRAM__ZERO_COUNT_ZERO_COUNT_INT
        message.pointee.zero_count_int = histogram.zeroCount
        (message.pointee.n_negative_spans, message.pointee.negative_spans) = try spans(buckets.negative.spans, arena: arena)
        (message.pointee.n_negative_deltas, message.pointee.negative_deltas) = try arena.scalars(buckets.negative.deltas)
        (message.pointee.n_positive_spans, message.pointee.positive_spans) = try spans(buckets.positive.spans, arena: arena)
        (message.pointee.n_positive_deltas, message.pointee.positive_deltas) = try arena.scalars(buckets.positive.deltas)
        message.pointee.has_timestamp = isSet(timestamp)
        message.pointee.timestamp = timestamp
        return message
    }

    private static func spans(
        _ spans: [NativeHistogramBuckets.Span], arena: MessageArena
    ) throws(RemoteWriteEncodingError) -> (Int, UnsafeMutablePointer<UnsafeMutablePointer<Prometheus__BucketSpan>?>?) {
        try arena.list(spans) { (span: NativeHistogramBuckets.Span) throws(RemoteWriteEncodingError) in
            let message: UnsafeMutablePointer<Prometheus__BucketSpan> = try arena.message(prometheus__bucket_span__init)
            message.pointee.has_offset = isSet(span.offset)
            message.pointee.offset = span.offset
            message.pointee.has_length = isSet(span.length)
            message.pointee.length = span.length
            return message
        }
    }

    /// Whether a value goes on the wire: zeros are left out, as a proto3 encoder leaves them out.
    private static func isSet(_ value: Double) -> protobuf_c_boolean {
        value != 0 || value.sign == .minus ? 1 : 0
    }

    private static func isSet(_ value: some BinaryInteger) -> protobuf_c_boolean {
        value != 0 ? 1 : 0
    }

    private static func metadata(_ family: FamilyMetadata, arena: MessageArena) throws(RemoteWriteEncodingError) -> UnsafeMutablePointer<Prometheus__MetricMetadata> {
        let message: UnsafeMutablePointer<Prometheus__MetricMetadata> = try arena.message(prometheus__metric_metadata__init)
        message.pointee.has_type = 1
        message.pointee.type = Prometheus__MetricMetadata__MetricType(rawValue: family.kind.rawValue)
        message.pointee.metric_family_name = try arena.string(family.name)
        message.pointee.help = try arena.string(family.help)
        message.pointee.unit = try arena.string(family.unit)
        return message
    }
}
