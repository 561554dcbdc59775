import Vernier

/// The Prometheus view of one snapshot, decided once for every writer: which family each metric joins or
/// why its points are left out, the labels each scope adds, and what `target_info` carries. The text,
/// OpenMetrics and protobuf expositions and the remote-write translator all read it, so a scrape and a push
/// of the same snapshot name the same series.
///
/// Metrics join families in snapshot order, and a name belongs to the first family that claims it
/// (`PrometheusFamily.reservedNames`). Exponential histograms claim theirs after every other metric, so that
/// the native histograms the text formats cannot show never take a name from a metric they do show.
/// Deciding depends only on the snapshot's metadata, once per metric rather than per point.
package struct PrometheusModel: Sendable {
    /// The name translation and which optional labels and series are added.
    package let naming: PrometheusNaming
    /// The families, in the order metrics first joined them.
    package private(set) var families: [PrometheusFamily] = []
    /// The attributes of `target_info` on a scrape, nil when it is not exposed.
    package let targetInfoAttributes: Attributes?
    /// For each metric, scope after scope, its family's index in `families`; nil when it is left out.
    private var familyIndices: [Int?] = []
    /// What the text formats leave out, in metric order; exponential histograms are among it.
    private var textDrops: [PrometheusDrop] = []
    /// What carriers of native histograms leave out of the exponential histograms.
    private var nativeHistogramDrops: [PrometheusDrop] = []
    /// The family of each kind and base name.
    private var familyByKey: [FamilyKey: Int] = [:]
    /// The owner of each reserved name: a family index, or -1 for `target_info`.
    private var nameOwners: [String: Int] = [:]

    /// The resource attributes that make up `job` and `instance` on a push.
    private static let jobAndInstanceKeys: Set<String> = ["service.name", "service.namespace", "service.instance.id"]
    /// The names `target_info` takes: the sample's, and OpenMetrics' family name for it.
    private static let targetInfoNames = [PrometheusNaming.targetInfoName, "target"]

    /// Decides the families of `snapshot`.
    package init(snapshot: MetricsSnapshot, naming: PrometheusNaming) {
        self.naming = naming
        let resource = snapshot.resourceMetrics.first?.resource.attributes ?? .empty
        targetInfoAttributes = naming.exposesTargetInfo && !resource.isEmpty ? resource : nil
        if targetInfoAttributes != nil {
            for name in Self.targetInfoNames { nameOwners[name] = -1 }
        }
        for scope in snapshot.scopes {
            for metric in scope.metrics {
                familyIndices.append(place(metric))
            }
        }
        var position = 0
        for scope in snapshot.scopes {
            for metric in scope.metrics {
                if case .exponentialHistogram(let histogram) = metric.data {
                    familyIndices[position] = placeNativeHistogram(metric, histogram)
                }
                position += 1
            }
        }
    }

    /// The index in `families` of the family of the metric at `position` (counted over all scopes in
    /// order); nil when its points are left out.
    package func familyIndex(ofMetricAt position: Int) -> Int? {
        familyIndices[position]
    }

    /// The points left out, in metric order: by the text formats when `carriesNativeHistograms` is false,
    /// otherwise by the protobuf format and remote write, which show exponential histograms.
    package func drops(carriesNativeHistograms: Bool) -> [PrometheusDrop] {
        guard carriesNativeHistograms else { return textDrops }
        return textDrops.filter { $0.reason != .exponentialHistogram } + nativeHistogramDrops
    }

    /// The `otel_scope_name` and `otel_scope_version` labels of a scope's points, when the naming adds them.
    package func scopeLabels(of scope: InstrumentationScope) -> [PrometheusLabel] {
        guard naming.addsScopeLabels else { return [] }
        var labels = [PrometheusLabel(name: PrometheusNaming.scopeNameLabel, value: scope.name)]
        if let version = scope.version {
            labels.append(PrometheusLabel(name: PrometheusNaming.scopeVersionLabel, value: version))
        }
        return labels
    }

    /// The attributes of `target_info` on a push, where `job` and `instance` stand for the service's
    /// name, namespace and instance id: the other resource attributes; nil when none are left.
    package var pushedTargetInfoAttributes: Attributes? {
        guard let attributes = targetInfoAttributes?.removing(Self.jobAndInstanceKeys), !attributes.isEmpty else { return nil }
        return attributes
    }

    /// The `job` and `instance` labels a push attaches for a resource: `job` is `service.namespace/service.name`
    /// (or `service.name`), `instance` is `service.instance.id` or empty, as the compatibility specification
    /// asks of push exporters.
    package static func jobAndInstance(of resource: Resource) -> [PrometheusLabel] {
        let name = resource.attributes["service.name"]?.description ?? ""
        let namespace = resource.attributes["service.namespace"]?.description ?? ""
        return [
            PrometheusLabel(name: "job", value: namespace.isEmpty ? name : namespace + "/" + name),
            PrometheusLabel(name: "instance", value: resource.attributes["service.instance.id"]?.description ?? ""),
        ]
    }

    /// Whether a histogram point's bucket counts do not fit its boundaries, which leaves it out.
    package static func isMalformed(_ point: HistogramPoint) -> Bool {
        point.bucketCounts.count != point.boundaries.count + 1
    }

    /// Whether a histogram point has a `_sum` sample: not when negative measurements make the sum
    /// meaningless as a counter, as the compatibility specification asks.
    package static func hasSum(_ point: HistogramPoint) -> Bool {
        point.sum >= 0 && (point.min ?? 0) >= 0
    }

    /// The family of a metric other than an exponential histogram, or nil with the reason recorded.
    private mutating func place(_ metric: Metric) -> Int? {
        let kind: PrometheusFamily.Kind
        switch metric.data {
        case .sum(let sum):
            guard sum.temporality == .cumulative || !sum.isMonotonic else { return drop(metric, .deltaTemporality) }
            kind = sum.isMonotonic ? .counter : .gauge
        case .gauge:
            kind = .gauge
        case .histogram(let histogram):
            guard histogram.temporality == .cumulative else { return drop(metric, .deltaTemporality) }
            kind = .histogram
        case .exponentialHistogram:
            return drop(metric, .exponentialHistogram)
        case .summary:
            kind = .summary
        }
        guard let index = join(metric, as: kind) else { return nil }
        if case .histogram(let histogram) = metric.data {
            let malformed = histogram.points.reduce(0) { $0 + (Self.isMalformed($1) ? 1 : 0) }
            if malformed > 0 {
                textDrops.append(PrometheusDrop(metricName: metric.name, reason: .malformedHistogram, pointCount: malformed))
            }
        }
        return index
    }

    /// The native histogram family of an exponential histogram, or nil with the reason recorded.
    private mutating func placeNativeHistogram(_ metric: Metric, _ histogram: MetricData.ExponentialHistogram) -> Int? {
        guard histogram.temporality == .cumulative else { return drop(metric, .deltaTemporality, native: true) }
        return join(metric, as: .nativeHistogram)
    }

    /// The family `metric` joins as `kind`, created when it is the first; nil when another family holds one
    /// of its names.
    private mutating func join(_ metric: Metric, as kind: PrometheusFamily.Kind) -> Int? {
        let family = PrometheusFamily(kind: kind, metricName: metric.name, unit: metric.unit, description: metric.description, naming: naming)
        let key = FamilyKey(kind: kind, baseName: family.baseName)
        if let index = familyByKey[key] { return index }
        let names = family.reservedNames
        if let owner = names.compactMap({ nameOwners[$0] }).first {
            let holder = owner >= 0 ? "\(families[owner].kind.type.rawValue) '\(families[owner].baseName)'" : "the resource's '\(PrometheusNaming.targetInfoName)'"
            return drop(metric, .nameConflict, native: kind == .nativeHistogram, detail: holder)
        }
        let index = families.count
        families.append(family)
        familyByKey[key] = index
        for name in names { nameOwners[name] = index }
        return index
    }

    /// Records that `metric` is left out, among the native histogram drops when `native`; returns nil, its family.
    private mutating func drop(_ metric: Metric, _ reason: PrometheusDrop.Reason, native: Bool = false, detail: String? = nil) -> Int? {
        let drop = PrometheusDrop(metricName: metric.name, reason: reason, pointCount: metric.data.pointCount, detail: detail)
        if native {
            nativeHistogramDrops.append(drop)
        } else {
            textDrops.append(drop)
        }
        return nil
    }

    /// What makes a family: its kind and base name.
    private struct FamilyKey: Hashable {
        let kind: PrometheusFamily.Kind
        let baseName: String
    }
}
