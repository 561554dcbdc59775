import CProtobufC
import VernierProto

/// Packs queued samples into a `prometheus.WriteRequest` through protobuf-c: one `TimeSeries` per sample,
/// in queue order (which is timestamp order for every series), as Prometheus's own sender does, plus the
/// metadata of every family present.
enum WriteRequestEncoder {
    /// The uncompressed protobuf bytes of a request carrying `samples`.
    static func encode(_ samples: ArraySlice<PendingSample>, includesMetadata: Bool) throws(RemoteWriteEncodingError) -> [UInt8] {
        let arena = try MessageArena()
        let request: UnsafeMutablePointer<Prometheus__WriteRequest> = try arena.message(prometheus__write_request__init)
        request.pointee.n_timeseries = samples.count
        request.pointee.timeseries = try arena.list(samples) { (sample: PendingSample) throws(RemoteWriteEncodingError) in
            try timeSeries(sample, arena: arena)
        }
        if includesMetadata {
            let families = Self.families(of: samples)
            request.pointee.n_metadata = families.count
            request.pointee.metadata = try arena.list(families) { (family: FamilyMetadata) throws(RemoteWriteEncodingError) in
                try metadata(family, arena: arena)
            }
        }
        return MessageArena.pack(request)
    }

    /// Each family once, in order of first appearance; the samples of a family are mostly adjacent, so the
    /// set is consulted only when the family changes.
    private static func families(of samples: ArraySlice<PendingSample>) -> [FamilyMetadata] {
        var families: [FamilyMetadata] = []
        var seen: Set<String> = []
        for sample in samples where families.last?.name != sample.family.name {
            if seen.insert(sample.family.name).inserted { families.append(sample.family) }
        }
        return families
    }

    private static func timeSeries(_ sample: PendingSample, arena: MessageArena) throws(RemoteWriteEncodingError) -> UnsafeMutablePointer<Prometheus__TimeSeries> {
        let series: UnsafeMutablePointer<Prometheus__TimeSeries> = try arena.message(prometheus__time_series__init)
        series.pointee.n_labels = sample.labels.count
        series.pointee.labels = try labels(sample.labels, arena: arena)
        let value: UnsafeMutablePointer<Prometheus__Sample> = try arena.message(prometheus__sample__init)
        value.pointee.has_value = isSet(sample.value)
        value.pointee.value = sample.value
        value.pointee.has_timestamp = isSet(sample.timestamp)
        value.pointee.timestamp = sample.timestamp
        series.pointee.n_samples = 1
        series.pointee.samples = try arena.list(CollectionOfOne(value)) { $0 }
        series.pointee.n_exemplars = sample.exemplars.count
        series.pointee.exemplars = try arena.list(sample.exemplars) { (exemplar: ExemplarSample) throws(RemoteWriteEncodingError) in
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
