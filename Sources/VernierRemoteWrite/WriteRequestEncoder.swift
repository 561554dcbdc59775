import CProtobufC
import VernierProto

/// Packs queued samples into a `prometheus.WriteRequest` through protobuf-c: one `TimeSeries` per distinct
/// label set, its samples and exemplars in queue order (which is timestamp order), and the metadata of
/// every family present.
enum WriteRequestEncoder {
    /// The samples of one series, gathered from the queue.
    private struct SeriesSamples {
        let labels: [SeriesLabel]
        var samples: [(value: Double, timestamp: Int64)]
        var exemplars: [ExemplarSample]
    }

    /// The uncompressed protobuf bytes of a request carrying `samples`.
    static func encode(_ samples: ArraySlice<PendingSample>, includesMetadata: Bool) throws(RemoteWriteEncodingError) -> [UInt8] {
        var seriesIndex: [[SeriesLabel]: Int] = [:]
        seriesIndex.reserveCapacity(samples.count)
        var series: [SeriesSamples] = []
        series.reserveCapacity(samples.count)
        var families: [FamilyMetadata] = []
        var familyNames: Set<String> = []
        for sample in samples {
            if let index = seriesIndex[sample.labels] {
                series[index].samples.append((sample.value, sample.timestamp))
                series[index].exemplars.append(contentsOf: sample.exemplars)
            } else {
                seriesIndex[sample.labels] = series.count
                series.append(SeriesSamples(labels: sample.labels, samples: [(sample.value, sample.timestamp)], exemplars: sample.exemplars))
            }
            if includesMetadata, familyNames.insert(sample.family.name).inserted {
                families.append(sample.family)
            }
        }

        let arena = try MessageArena()
        let request: UnsafeMutablePointer<Prometheus__WriteRequest> = try arena.message(prometheus__write_request__init)
        request.pointee.n_timeseries = series.count
        request.pointee.timeseries = try arena.list(series) { (entry: SeriesSamples) throws(RemoteWriteEncodingError) in
            try timeSeries(entry, arena: arena)
        }
        request.pointee.n_metadata = families.count
        request.pointee.metadata = try arena.list(families) { (family: FamilyMetadata) throws(RemoteWriteEncodingError) in
            try metadata(family, arena: arena)
        }
        return MessageArena.pack(request)
    }

    private static func timeSeries(_ entry: SeriesSamples, arena: MessageArena) throws(RemoteWriteEncodingError) -> UnsafeMutablePointer<Prometheus__TimeSeries> {
        let series: UnsafeMutablePointer<Prometheus__TimeSeries> = try arena.message(prometheus__time_series__init)
        series.pointee.n_labels = entry.labels.count
        series.pointee.labels = try labels(entry.labels, arena: arena)
        series.pointee.n_samples = entry.samples.count
        series.pointee.samples = try arena.list(entry.samples) { (sample: (value: Double, timestamp: Int64)) throws(RemoteWriteEncodingError) in
            let message: UnsafeMutablePointer<Prometheus__Sample> = try arena.message(prometheus__sample__init)
            message.pointee.has_value = isSet(sample.value)
            message.pointee.value = sample.value
            message.pointee.has_timestamp = isSet(sample.timestamp)
            message.pointee.timestamp = sample.timestamp
            return message
        }
        series.pointee.n_exemplars = entry.exemplars.count
        series.pointee.exemplars = try arena.list(entry.exemplars) { (exemplar: ExemplarSample) throws(RemoteWriteEncodingError) in
            let message: UnsafeMutablePointer<Prometheus__Exemplar> = try arena.message(prometheus__exemplar__init)
            message.pointee.n_labels = exemplar.labels.count
            message.pointee.labels = try labels(exemplar.labels, arena: arena)
            message.pointee.has_value = isSet(exemplar.value)
            message.pointee.value = exemplar.value
            message.pointee.has_timestamp = isSet(exemplar.timestamp)
            message.pointee.timestamp = exemplar.timestamp
            return message
        }
        return series
    }

    /// Whether a value goes on the wire: zeros are left out, as a proto3 encoder leaves them out.
    private static func isSet(_ value: Double) -> protobuf_c_boolean {
        value != 0 || value.sign == .minus ? 1 : 0
    }

    private static func isSet(_ timestamp: Int64) -> protobuf_c_boolean {
        timestamp != 0 ? 1 : 0
    }

    private static func labels(_ labels: [SeriesLabel], arena: MessageArena) throws(RemoteWriteEncodingError) -> UnsafeMutablePointer<UnsafeMutablePointer<Prometheus__Label>?>? {
        try arena.list(labels) { (label: SeriesLabel) throws(RemoteWriteEncodingError) in
            let message: UnsafeMutablePointer<Prometheus__Label> = try arena.message(prometheus__label__init)
            message.pointee.name = try arena.string(label.name)
            message.pointee.value = try arena.string(label.value)
            return message
        }
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
