import Vernier
import VernierPrometheus

/// Turns a cumulative snapshot into remote-write samples named exactly as the Prometheus exposition names
/// them: counters as `_total`, gauges and non-monotonic sums as they are, histograms as `_bucket`, `_sum`
/// and `_count`, and the resource as `target_info`.
struct SnapshotTranslator: Sendable {
    /// The samples of one snapshot and what could not be sent.
    struct Translation {
        var samples: [PendingSample] = []
        /// Points left out, by the reason they were.
        var dropped: [(points: Int, reason: RemoteWriteDropReason)] = []
    }

    let naming: PrometheusNaming
    let externalLabels: [SeriesLabel]

    /// Creates a translator with the exporter's naming and external labels.
    init(naming: PrometheusNaming, externalLabels: [(name: String, value: String)]) {
        self.naming = naming
        self.externalLabels = externalLabels.map { SeriesLabel(name: naming.labelName($0.name), value: $0.value) }
    }

    /// The samples of `snapshot`, in family order, each series' labels sorted.
    func translate(_ snapshot: MetricsSnapshot) -> Translation {
        var translation = Translation()
        translation.samples.reserveCapacity(Self.sampleCapacity(of: snapshot))
        let (job, instance) = naming.jobAndInstance(for: snapshot.resource)
        let defaults = [SeriesLabel(name: "job", value: job), SeriesLabel(name: "instance", value: instance)] + externalLabels
        var names = FamilyNames()
        if naming.exposesTargetInfo, snapshot.pointCount > 0 {
            appendTargetInfo(snapshot.resource, time: .now, defaults: defaults, names: &names, to: &translation)
        }
        for scope in snapshot.scopes {
            var scopeLabels: [SeriesLabel] = []
            if naming.addsScopeLabels {
                scopeLabels.append(SeriesLabel(name: PrometheusNaming.scopeNameLabel, value: scope.scope.name))
                if let version = scope.scope.version {
                    scopeLabels.append(SeriesLabel(name: PrometheusNaming.scopeVersionLabel, value: version))
                }
            }
            var builder = SeriesLabelBuilder(scope: scopeLabels, defaults: defaults, naming: naming)
            for metric in scope.metrics {
                append(metric, labels: &builder, names: &names, to: &translation)
            }
        }
        return translation
    }

    /// `target_info` with the resource attributes that `job` and `instance` do not already carry.
    private func appendTargetInfo(
        _ resource: Resource, time: Timestamp, defaults: [SeriesLabel], names: inout FamilyNames, to translation: inout Translation
    ) {
        let attributes = resource.attributes.removing(["service.name", "service.namespace", "service.instance.id"])
        guard !attributes.isEmpty else { return }
        let family = FamilyMetadata(name: PrometheusNaming.targetInfoName, kind: .gauge, help: "Target metadata", unit: "")
        guard names.claim([PrometheusNaming.targetInfoName], key: "target_info") else { return }
        var builder = SeriesLabelBuilder(scope: [], defaults: defaults, naming: naming)
        let labels = builder.labels(of: [attributes])[0].named(PrometheusNaming.targetInfoName)
        translation.samples.append(PendingSample(
            labels: labels, value: 1, timestamp: time.millisecondsSinceEpoch, exemplars: [], family: family))
    }

    private func append(
        _ metric: Metric, labels builder: inout SeriesLabelBuilder, names: inout FamilyNames, to translation: inout Translation
    ) {
        let type: PrometheusNaming.FamilyType
        switch metric.data {
        case .sum(let sum):
            guard sum.temporality == .cumulative || !sum.isMonotonic else {
                return drop(metric, .deltaTemporality, to: &translation)
            }
            type = sum.isMonotonic ? .counter : .gauge
        case .gauge:
            type = .gauge
        case .histogram(let histogram):
            guard histogram.temporality == .cumulative else { return drop(metric, .deltaTemporality, to: &translation) }
            type = .histogram
        case .exponentialHistogram:
            return drop(metric, .unsupported, to: &translation)
        }
        let base = naming.baseName(metricName: metric.name, unit: metric.unit, type: type)
        let sampleNames = Self.sampleNames(base: base, type: type, naming: naming)
        guard names.claim(sampleNames, key: type.rawValue + " " + base) else {
            return drop(metric, .nameConflict, to: &translation)
        }
        let family = FamilyMetadata(
            name: type == .counter ? sampleNames[0] : base, kind: Self.kind(type), help: metric.description,
            unit: naming.unitWord(unit: metric.unit, type: type) ?? "")
        switch metric.data {
        case .sum(let sum):
            appendNumbers(sum.points, name: sampleNames[0], family: family, labels: &builder, to: &translation)
        case .gauge(let gauge):
            appendNumbers(gauge.points, name: sampleNames[0], family: family, labels: &builder, to: &translation)
        case .histogram(let histogram):
            var bounds = BucketBounds(naming: naming)
            let points = histogram.points.filter { $0.bucketCounts.count == $0.boundaries.count + 1 }
            if points.count < histogram.points.count {
                drop(metric, .malformed, points: histogram.points.count - points.count, to: &translation)
            }
            for (point, shared) in zip(points, builder.labels(of: points.lazy.map { $0.attributes })) {
                appendHistogram(point, names: sampleNames, bounds: bounds.labelValues(point.boundaries), family: family,
                                labels: shared, to: &translation)
            }
        case .exponentialHistogram:
            break
        }
    }

    private func appendNumbers(
        _ points: [NumberPoint], name: String, family: FamilyMetadata, labels builder: inout SeriesLabelBuilder, to translation: inout Translation
    ) {
        let labels = builder.labels(of: points.lazy.map { $0.attributes })
        for index in points.indices {
            translation.samples.append(PendingSample(
                labels: labels[index].named(name), value: points[index].value.doubleValue,
                timestamp: points[index].time.millisecondsSinceEpoch,
                exemplars: points[index].exemplars.compactMap(exemplarSample), family: family))
        }
    }

    /// One `_bucket` series per bucket with cumulative counts and the exemplars that fall in it, then `_sum`
    /// (left out when negative measurements make it meaningless, as in the exposition) and `_count`.
    private func appendHistogram(
        _ point: HistogramPoint, names: [String], bounds: [String], family: FamilyMetadata, labels shared: SeriesLabels,
        to translation: inout Translation
    ) {
        let timestamp = point.time.millisecondsSinceEpoch
        var exemplarsByBucket = [[ExemplarSample]](repeating: [], count: point.bucketCounts.count)
        for exemplar in point.exemplars {
            guard let sample = exemplarSample(exemplar) else { continue }
            let bucket = point.boundaries.firstIndex { sample.value <= $0 } ?? point.boundaries.count
            exemplarsByBucket[bucket].append(sample)
        }
        var cumulative: UInt64 = 0
        for (index, count) in point.bucketCounts.enumerated() {
            cumulative &+= count
            translation.samples.append(PendingSample(
                labels: shared.named(names[0], bucketBound: bounds[index]), value: Double(cumulative),
                timestamp: timestamp, exemplars: exemplarsByBucket[index], family: family))
        }
        if point.sum >= 0, (point.min ?? 0) >= 0 {
            translation.samples.append(PendingSample(
                labels: shared.named(names[1]), value: point.sum, timestamp: timestamp, exemplars: [], family: family))
        }
        translation.samples.append(PendingSample(
            labels: shared.named(names[2]), value: Double(cumulative), timestamp: timestamp, exemplars: [], family: family))
    }

    private func exemplarSample(_ exemplar: Exemplar) -> ExemplarSample? {
        let value = exemplar.value.doubleValue
        guard !value.isNaN else { return nil }
        let labels = naming.exemplarLabels(of: exemplar)
            .filter { !$0.value.isEmpty }
            .map { SeriesLabel(name: $0.name, value: $0.value) }
        return ExemplarSample(labels: labels, value: value, timestamp: exemplar.time.millisecondsSinceEpoch)
    }

    private func drop(_ metric: Metric, _ reason: RemoteWriteDropReason, points: Int? = nil, to translation: inout Translation) {
        translation.dropped.append((points ?? metric.data.pointCount, reason))
        Diagnostics.report(.warning, "remote write: '\(metric.name)' is not sent: \(reason.explanation)", key: "remote-write.drop." + metric.name)
    }

    /// The most samples `snapshot` becomes: one per point, a histogram point one per bucket plus `_sum` and
    /// `_count`, and `target_info`.
    private static func sampleCapacity(of snapshot: MetricsSnapshot) -> Int {
        var capacity = 1
        for scope in snapshot.scopes {
            for metric in scope.metrics {
                guard case .histogram(let histogram) = metric.data else {
                    capacity += metric.data.pointCount
                    continue
                }
                capacity += histogram.points.reduce(0) { $0 + $1.bucketCounts.count + 2 }
            }
        }
        return capacity
    }

    /// The sample names of a family: the value sample first, then for histograms `_sum` and `_count`.
    private static func sampleNames(base: String, type: PrometheusNaming.FamilyType, naming: PrometheusNaming) -> [String] {
        switch type {
        case .counter: return [naming.counterSampleName(base: base)]
        case .gauge: return [base]
        case .histogram: return [base + "_bucket", base + "_sum", base + "_count"]
        }
    }

    private static func kind(_ type: PrometheusNaming.FamilyType) -> FamilyMetadata.Kind {
        switch type {
        case .counter: return .counter
        case .gauge: return .gauge
        case .histogram: return .histogram
        }
    }
}

/// The `le` values of a histogram's buckets, `+Inf` last, rendered once for all points with the same bounds.
private struct BucketBounds {
    let naming: PrometheusNaming
    private var boundaries: [Double]?
    private var values: [String] = []

    init(naming: PrometheusNaming) {
        self.naming = naming
    }

    mutating func labelValues(_ boundaries: [Double]) -> [String] {
        if boundaries != self.boundaries {
            self.boundaries = boundaries
            values = (boundaries + [.infinity]).map(naming.bucketBoundLabelValue)
        }
        return values
    }
}

/// The sample names families have taken in one snapshot, so that two metrics never write the same series.
private struct FamilyNames {
    private var owners: [String: String] = [:]

    /// Takes `names` for the family `key`; false when another family has one of them.
    mutating func claim(_ names: [String], key: String) -> Bool {
        for name in names {
            if let owner = owners[name], owner != key { return false }
        }
        for name in names { owners[name] = key }
        return true
    }
}
