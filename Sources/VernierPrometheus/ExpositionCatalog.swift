#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Vernier

/// A snapshot regrouped into the families of its `PrometheusModel`, with every series' labels rendered once
/// and everything sorted. Every exposition writer reads it, with the values of an `ExpositionValues`;
/// native histogram families are kept apart, for the protobuf format alone.
///
/// A catalog depends only on the snapshot's shape (its metrics and the attributes of their points), not on
/// the values, so a catalog serves every later snapshot of the same shape: see `ExpositionCatalogCache`.
/// It is never changed once built, which is what makes sharing it between concurrent scrapes safe.
struct ExpositionCatalog: @unchecked Sendable {
    /// One point of a family: where its rendered labels are and which point it is.
    ///
    /// Plain integers, so that sorting thousands of series moves no references and a cached catalog costs
    /// little per series.
    struct Series {
        /// Where the series' labels (`a="x",b="y"`, without braces) are in `labelBytes`.
        let labels: Range<Int32>
        /// Where the start of the series' value line is in `labelBytes`, so that writing it takes one copy:
        /// for counters and gauges `name{a="x",b="y"}`, with the name the text format gives their samples; for
        /// classic histograms the labels of the `_bucket` lines, which are `labels` without an attribute named
        /// `le`, as the bucket's bound replaces it.
        let sampleStart: Range<Int32>
        /// The position of the series' metric among all metrics of the snapshot, scope after scope.
        let metric: Int32
        /// The point's index among its metric's points.
        let index: Int32
    }

    /// A family of the model and its series.
    struct Family {
        let definition: PrometheusFamily
        var series: [Series]
    }

    /// The families the text formats show, sorted by name.
    private(set) var families: [Family] = []
    /// The native histogram families, which only the protobuf format carries, sorted by name.
    private(set) var nativeHistogramFamilies: [Family] = []
    /// The resource's labels, when `target_info` is exposed.
    private(set) var targetInfoLabels: Range<Int32>?
    /// The rendered labels of every series; those of counters and gauges inside their sample starts.
    let labelBytes: ExpositionBuffer
    /// The number of series in all families.
    private(set) var seriesCount = 0
    /// The parts of its snapshot the catalog depends on, to tell whether it fits a later snapshot.
    let shape: SnapshotShape
    /// Which families the snapshot's metrics join, and what is left out.
    private let model: PrometheusModel
    /// The label layout of the previous point, reused while points have the same keys.
    private var lastLayout: LabelLayout?

    init(snapshot: MetricsSnapshot, naming: PrometheusNaming) {
        model = PrometheusModel(snapshot: snapshot, naming: naming)
        shape = SnapshotShape(snapshot, naming: naming)
        // A guess that fits a name and a few short labels per series; the buffer doubles when they are longer.
        labelBytes = ExpositionBuffer(capacity: snapshot.pointCount * 64 + 256)
        if let attributes = model.targetInfoAttributes {
            targetInfoLabels = appendLabels(attributes, layout: layout(for: attributes, in: LabelContext(scope: [])))
        }
        var all = model.families.map { Family(definition: $0, series: []) }
        var position: Int32 = 0
        for scope in snapshot.scopes {
            let context = LabelContext(scope: model.scopeLabels(of: scope.scope))
            lastLayout = nil
            for metric in scope.metrics {
                if let index = model.familyIndex(ofMetricAt: Int(position)) {
                    add(metric, at: position, to: &all[index], context: context)
                }
                position += 1
            }
        }
        for var family in all {
            sortSeries(&family.series)
            if family.definition.kind == .nativeHistogram {
                nativeHistogramFamilies.append(family)
            } else {
                families.append(family)
            }
        }
        families.sort { $0.definition.baseName < $1.definition.baseName }
        nativeHistogramFamilies.sort { $0.definition.baseName < $1.definition.baseName }
        // The catalog is kept for later scrapes; what the guess above left unused would be kept with it.
        labelBytes.shrinkToFit()
    }

    /// The metrics an exposition in `format` leaves out: the text formats cannot carry exponential
    /// histograms, which the protobuf format carries as native histograms unless it has another reason not to.
    func drops(for format: ExpositionFormat) -> [PrometheusDrop] {
        model.drops(carriesNativeHistograms: format == .protobuf)
    }

    /// Logs each metric an exposition in `format` leaves out, rate-limited per metric; called for every
    /// exposition, fresh catalog or not.
    func reportDrops(for format: ExpositionFormat) {
        for drop in drops(for: format) {
            drop.report(from: PrometheusExposition.logSource)
        }
    }

    private mutating func add(_ metric: Metric, at position: Int32, to family: inout Family, context: LabelContext) {
        family.series.reserveCapacity(family.series.count + metric.data.pointCount)
        switch metric.data {
        case .sum(let sum):
            appendNumberPoints(sum.points, of: position, to: &family, context: context)
        case .gauge(let gauge):
            appendNumberPoints(gauge.points, of: position, to: &family, context: context)
        case .histogram(let histogram):
            for (offset, point) in histogram.points.enumerated() where !PrometheusModel.isMalformed(point) {
                let layout = layout(for: point.attributes, in: context)
                let labels = appendLabels(point.attributes, layout: layout)
                let bucketLabels = layout.hasBucketBoundLabel ? appendLabels(point.attributes, layout: layout, skipping: layout.bucketBoundIndex) : labels
                append(Series(labels: labels, sampleStart: bucketLabels, metric: position, index: Int32(offset)), to: &family)
            }
        case .exponentialHistogram(let histogram):
            appendLabelledPoints(histogram.points.lazy.map(\.attributes), of: position, to: &family, context: context)
        case .summary(let summary):
            appendLabelledPoints(summary.points.lazy.map(\.attributes), of: position, to: &family, context: context)
        }
    }

    /// Adds points whose writers need only their labels: native histograms and summaries.
    private mutating func appendLabelledPoints(
        _ attributes: some Collection<Attributes>, of position: Int32, to family: inout Family, context: LabelContext
    ) {
        for (offset, attributes) in attributes.enumerated() {
            let labels = appendLabels(attributes, layout: layout(for: attributes, in: context))
            append(Series(labels: labels, sampleStart: labels.lowerBound..<labels.lowerBound, metric: position, index: Int32(offset)), to: &family)
        }
    }

    /// Adds counter or gauge points, each with its sample start: the sample name, then its labels in braces
    /// unless it has none.
    private mutating func appendNumberPoints(_ points: [NumberPoint], of position: Int32, to family: inout Family, context: LabelContext) {
        let sampleName = family.definition.name
        for offset in points.indices {
            let attributes = points[offset].attributes
            let layout = layout(for: attributes, in: context)
            let start = labelBytes.count
            labelBytes.append(sampleName)
            if !layout.names.isEmpty { labelBytes.append(UInt8(ascii: "{")) }
            let labels = appendLabels(attributes, layout: layout)
            if !layout.names.isEmpty { labelBytes.append(UInt8(ascii: "}")) }
            append(Series(labels: labels, sampleStart: Int32(start)..<Int32(labelBytes.count), metric: position, index: Int32(offset)), to: &family)
        }
    }

    private mutating func append(_ series: Series, to family: inout Family) {
        family.series.append(series)
        seriesCount += 1
    }

    /// The layout of points with `attributes`: the previous point's when it fits, as it nearly always does.
    private mutating func layout(for attributes: Attributes, in context: LabelContext) -> LabelLayout {
        if let lastLayout, lastLayout.fits(attributes) { return lastLayout }
        let fresh = LabelLayout(attributes: attributes, context: context, naming: model.naming)
        lastLayout = fresh
        return fresh
    }

    /// Renders the labels of a point as `layout` lays them out, leaving out the label at `skipped`.
    private func appendLabels(_ attributes: Attributes, layout: LabelLayout, skipping skipped: Int = -1) -> Range<Int32> {
        let start = labelBytes.count
        var first = true
        for position in layout.names.indices where position != skipped {
            if !first { labelBytes.append(UInt8(ascii: ",")) }
            first = false
            labelBytes.append(layout.names[position])
            labelBytes.append(UInt8(ascii: "="))
            labelBytes.append(UInt8(ascii: "\""))
            switch layout.sources[position] {
            case .attribute(let index):
                labelBytes.appendLabelValue(attributes.elements[index].value)
            case .joined, .fixed:
                labelBytes.appendEscapedLabelValue(layout.value(at: position) { attributes.elements[$0].value.description })
            }
            labelBytes.append(UInt8(ascii: "\""))
        }
        return Int32(start)..<Int32(labelBytes.count)
    }

    /// Sorts series by their label bytes. Each series is paired with its first eight label bytes as a
    /// big-endian integer, which orders most pairs without reading the labels.
    private func sortSeries(_ series: inout [Series]) {
        guard series.count > 1 else { return }
        labelBytes.withBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            func sortPrefix(_ labels: Range<Int32>) -> UInt64 {
                var prefix: UInt64 = 0
                for index in Int(labels.lowerBound)..<Int(labels.lowerBound) + 8 {
                    prefix = prefix << 8 | (index < Int(labels.upperBound) ? UInt64(base[index]) : 0)
                }
                return prefix
            }
            func precedes(_ lhs: (prefix: UInt64, series: Series), _ rhs: (prefix: UInt64, series: Series)) -> Bool {
                if lhs.prefix != rhs.prefix { return lhs.prefix < rhs.prefix }
                let left = lhs.series.labels, right = rhs.series.labels
                let order = memcmp(base + Int(left.lowerBound), base + Int(right.lowerBound), Int(min(left.count, right.count)))
                return order != 0 ? order < 0 : left.count < right.count
            }
            var keyed = series.map { (prefix: sortPrefix($0.labels), series: $0) }
            var sorted = true
            var index = 1
            while index < keyed.count, sorted {
                sorted = precedes(keyed[index - 1], keyed[index])
                index += 1
            }
            guard !sorted else { return }
            keyed.sort(by: precedes)
            series = keyed.map(\.series)
        }
    }
}
