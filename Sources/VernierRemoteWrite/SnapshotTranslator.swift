import Vernier
import VernierPrometheus

/// Turns a cumulative snapshot into remote-write samples with the families, names and labels of its
/// `PrometheusModel`, the ones the Prometheus exposition shows, plus `job`, `instance` and external labels:
/// counters as `_total`, gauges and non-monotonic sums as they are, histograms as `_bucket`, `_sum` and
/// `_count`, exponential histograms as native histograms, summaries as quantile series, `_sum` and `_count`,
/// and each resource as `target_info`. Each resource of the snapshot is translated with its own `job` and
/// `instance`; a point flagged `noRecordedValue` becomes Prometheus's staleness marker in each of its series.
struct SnapshotTranslator: Sendable {
    /// The samples of one snapshot and what could not be sent.
    struct Translation {
        var samples: [PendingSample] = []
        /// Points left out, by the reason they were.
        var dropped: [(points: Int, reason: RemoteWriteDropReason)] = []
    }

    /// Where log lines about left-out metrics say they come from.
    static let logSource = "remote write"
    /// The value Prometheus reads as "this series ended here" (`value.StaleNaN`).
    static let staleMarker = Double(bitPattern: 0x7ff0_0000_0000_0002)

    let naming: PrometheusNaming
    let externalLabels: [PrometheusLabel]
    /// Whether exponential histograms go out as native histograms rather than being left out.
    let sendsNativeHistograms: Bool

    /// Creates a translator with the exporter's naming, external labels and native histogram choice.
    init(naming: PrometheusNaming, externalLabels: [(name: String, value: String)], sendsNativeHistograms: Bool = true) {
        self.naming = naming
        self.externalLabels = externalLabels.map { PrometheusLabel(name: naming.labelName($0.name), value: $0.value) }
        self.sendsNativeHistograms = sendsNativeHistograms
    }

    /// The samples of `snapshot`, in metric order, each series' labels sorted.
    func translate(_ snapshot: MetricsSnapshot) -> Translation {
        var translation = Translation()
        translation.samples.reserveCapacity(Self.sampleCapacity(of: snapshot))
        for group in snapshot.resourceMetrics {
            translate(group, to: &translation)
        }
        return translation
    }

    private func translate(_ group: ResourceMetrics, to translation: inout Translation) {
        let model = PrometheusModel(snapshot: MetricsSnapshot(resourceMetrics: [group]), naming: naming)
        for drop in model.drops(carriesNativeHistograms: sendsNativeHistograms) {
            record(drop, in: &translation)
        }
        let defaults = PrometheusModel.jobAndInstance(of: group.resource) + externalLabels
        if group.pointCount > 0, let attributes = model.pushedTargetInfoAttributes {
            appendTargetInfo(attributes, time: .now, defaults: defaults, to: &translation)
        }
        let metadata = model.families.map(FamilyMetadata.init)
        var position = 0
        for scope in group.scopes {
            var builder = SeriesLabelBuilder(scope: model.scopeLabels(of: scope.scope), defaults: defaults, naming: naming)
            for metric in scope.metrics {
                if let index = model.familyIndex(ofMetricAt: position), sendsNativeHistograms || model.families[index].kind != .nativeHistogram {
                    append(metric, as: model.families[index], metadata: metadata[index], labels: &builder, to: &translation)
                }
                position += 1
            }
        }
    }

    /// `target_info` with the resource attributes that `job` and `instance` do not already carry.
    private func appendTargetInfo(_ attributes: Attributes, time: Timestamp, defaults: [PrometheusLabel], to translation: inout Translation) {
        let family = FamilyMetadata(name: PrometheusNaming.targetInfoName, kind: .gauge, help: "Target metadata", unit: "")
        var builder = SeriesLabelBuilder(scope: [], defaults: defaults, naming: naming)
        let labels = builder.labels(of: [attributes])[0].named(PrometheusNaming.targetInfoName)
        translation.samples.append(PendingSample(
            labels: labels, value: .number(1), timestamp: time.millisecondsSinceEpoch, exemplars: [], family: family))
    }

    private func append(
        _ metric: Metric, as family: PrometheusFamily, metadata: FamilyMetadata, labels builder: inout SeriesLabelBuilder,
        to translation: inout Translation
    ) {
        switch metric.data {
        case .sum(let sum):
            appendNumbers(sum.points, name: family.name, family: metadata, labels: &builder, to: &translation)
        case .gauge(let gauge):
            appendNumbers(gauge.points, name: family.name, family: metadata, labels: &builder, to: &translation)
        case .histogram(let histogram):
            var bounds = BucketBounds(naming: naming)
            let points = histogram.points.filter { !PrometheusModel.isMalformed($0) }
            for (point, shared) in zip(points, builder.labels(of: points.lazy.map { $0.attributes })) {
                appendHistogram(point, of: family, bounds: bounds.labelValues(point.boundaries), metadata: metadata,
                                labels: shared, to: &translation)
            }
        case .exponentialHistogram(let histogram):
            appendNativeHistograms(histogram.points, of: metric, name: family.name, family: metadata, labels: &builder, to: &translation)
        case .summary(let summary):
            let labels = builder.labels(of: summary.points.lazy.map { $0.attributes })
            for (point, shared) in zip(summary.points, labels) {
                appendSummary(point, of: family, metadata: metadata, labels: shared, to: &translation)
            }
        }
    }

    /// One series per quantile, then `_sum` and `_count`.
    private func appendSummary(
        _ point: SummaryPoint, of family: PrometheusFamily, metadata: FamilyMetadata, labels shared: SeriesLabels, to translation: inout Translation
    ) {
        let timestamp = point.time.millisecondsSinceEpoch
        let isStale = point.flags.contains(.noRecordedValue)
        for quantile in point.quantiles {
            let label = (name: PrometheusLabel.quantile, value: naming.bucketBoundLabelValue(quantile.quantile))
            translation.samples.append(PendingSample(
                labels: shared.named(family.baseName, adding: label), value: .number(isStale ? Self.staleMarker : quantile.value),
                timestamp: timestamp, exemplars: [], family: metadata))
        }
        translation.samples.append(PendingSample(
            labels: shared.named(family.sumName), value: .number(isStale ? Self.staleMarker : point.sum), timestamp: timestamp, exemplars: [],
            family: metadata))
        translation.samples.append(PendingSample(
            labels: shared.named(family.countName), value: .number(isStale ? Self.staleMarker : Double(point.count)), timestamp: timestamp,
            exemplars: [], family: metadata))
    }

    private func appendNumbers(
        _ points: [NumberPoint], name: String, family: FamilyMetadata, labels builder: inout SeriesLabelBuilder, to translation: inout Translation
    ) {
        let labels = builder.labels(of: points.lazy.map { $0.attributes })
        for index in points.indices {
            let isStale = points[index].flags.contains(.noRecordedValue)
            translation.samples.append(PendingSample(
                labels: labels[index].named(name), value: .number(isStale ? Self.staleMarker : points[index].value.doubleValue),
                timestamp: points[index].time.millisecondsSinceEpoch,
                exemplars: points[index].exemplars.compactMap(exemplarSample), family: family))
        }
    }

    /// One `_bucket` series per bucket with cumulative counts and the exemplars that fall in it, then `_sum`
    /// (when the model gives the point one) and `_count`.
    private func appendHistogram(
        _ point: HistogramPoint, of family: PrometheusFamily, bounds: [String], metadata: FamilyMetadata, labels shared: SeriesLabels,
        to translation: inout Translation
    ) {
        let timestamp = point.time.millisecondsSinceEpoch
        let isStale = point.flags.contains(.noRecordedValue)
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
                labels: shared.named(family.bucketName, adding: (PrometheusLabel.bucketBound, bounds[index])),
                value: .number(isStale ? Self.staleMarker : Double(cumulative)),
                timestamp: timestamp, exemplars: exemplarsByBucket[index], family: metadata))
        }
        if PrometheusModel.hasSum(point) {
            translation.samples.append(PendingSample(
                labels: shared.named(family.sumName), value: .number(isStale ? Self.staleMarker : point.sum), timestamp: timestamp, exemplars: [],
                family: metadata))
        }
        translation.samples.append(PendingSample(
            labels: shared.named(family.countName), value: .number(isStale ? Self.staleMarker : Double(cumulative)), timestamp: timestamp,
            exemplars: [], family: metadata))
    }

    /// One native histogram sample per point, with all of the point's exemplars; points whose scale no
    /// schema reaches are left out.
    private func appendNativeHistograms(
        _ points: [ExponentialHistogramPoint], of metric: Metric, name: String, family: FamilyMetadata,
        labels builder: inout SeriesLabelBuilder, to translation: inout Translation
    ) {
        let labels = builder.labels(of: points.lazy.map { $0.attributes })
        var unsupportedScales: [Int32] = []
        for index in points.indices {
            if points[index].flags.contains(.noRecordedValue) {
                translation.samples.append(PendingSample(
                    labels: labels[index].named(name), value: .number(Self.staleMarker), timestamp: points[index].time.millisecondsSinceEpoch,
                    exemplars: [], family: family))
                continue
            }
            guard let histogram = NativeHistogramSample(points[index]) else {
                unsupportedScales.append(points[index].scale)
                continue
            }
            translation.samples.append(PendingSample(
                labels: labels[index].named(name), value: .histogram(histogram), timestamp: points[index].time.millisecondsSinceEpoch,
                exemplars: points[index].exemplars.compactMap(exemplarSample), family: family))
        }
        if let scale = unsupportedScales.first {
            record(PrometheusDrop(metricName: metric.name, reason: .unsupportedScale, pointCount: unsupportedScales.count, detail: "\(scale)"),
                   in: &translation)
        }
    }

    private func exemplarSample(_ exemplar: Exemplar) -> ExemplarSample? {
        let value = exemplar.value.doubleValue
        guard !value.isNaN else { return nil }
        let labels = naming.exemplarLabels(of: exemplar).filter { !$0.value.isEmpty }
        return ExemplarSample(labels: labels, value: value, timestamp: exemplar.time.millisecondsSinceEpoch)
    }

    private func record(_ drop: PrometheusDrop, in translation: inout Translation) {
        translation.dropped.append((drop.pointCount, .unrepresentable(drop.reason)))
        drop.report(from: Self.logSource)
    }

    /// The most samples `snapshot` becomes: one per point, a histogram point one per bucket plus `_sum` and
    /// `_count`, a summary point one per quantile plus `_sum` and `_count`, and `target_info`.
    private static func sampleCapacity(of snapshot: MetricsSnapshot) -> Int {
        var capacity = 1
        for scope in snapshot.scopes {
            for metric in scope.metrics {
                switch metric.data {
                case .histogram(let histogram): capacity += histogram.points.reduce(0) { $0 + $1.bucketCounts.count + 2 }
                case .summary(let summary): capacity += summary.points.reduce(0) { $0 + $1.quantiles.count + 2 }
                default: capacity += metric.data.pointCount
                }
            }
        }
        return capacity
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
