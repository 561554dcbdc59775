#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Vernier

/// A snapshot regrouped into Prometheus families: names translated, conflicts and unsupported metrics
/// dropped, labels rendered once, everything sorted. Every writer reads it, with the values of an
/// `ExpositionValues`; exponential histograms are kept apart, for the protobuf format alone.
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
        /// Where the start of the series' value line (`name{a="x",b="y"}`, with the name the text format gives
        /// counter and gauge values) is in `labelBytes`, so that writing it takes one copy; empty for histograms,
        /// whose lines have several names.
        let sampleStart: Range<Int32>
        /// The position of the series' metric among all metrics of the snapshot, scope after scope.
        let metric: Int32
        /// The point's index among its metric's points.
        let index: Int32
    }

    /// The metrics that share one Prometheus name and type.
    struct Family {
        let baseName: String
        let type: PrometheusNaming.FamilyType
        let help: String
        let unitWord: String?
        var series: [Series]
    }

    private(set) var families: [Family] = []
    /// Exponential histograms as native histogram families, which only the protobuf format carries. They are
    /// added after every other family has taken its names, so they never change what the text formats show.
    private(set) var nativeHistogramFamilies: [Family] = []
    /// The resource's labels, when `target_info` is exposed.
    private(set) var targetInfoLabels: Range<Int32>?
    /// The rendered labels of every series; those of counters and gauges inside their sample starts.
    let labelBytes: ExpositionBuffer
    /// What the text formats leave out.
    private var drops: [ExpositionDrop] = []
    /// What the protobuf format leaves out of the exponential histograms that the text formats drop anyway.
    private var nativeHistogramDrops: [ExpositionDrop] = []
    /// The number of series in all families.
    private(set) var seriesCount = 0
    /// The parts of its snapshot the catalog depends on, to tell whether it fits a later snapshot.
    let shape: SnapshotShape

    /// Label names of attribute keys that needed sanitizing, so each is translated once per exposition.
    private var sanitizedLabelNames: [String: String] = [:]
    /// The label order worked out for the previous point's attribute keys.
    private var lastPlan: LabelPlan?

    private var familyIndex: [String: Int] = [:]
    private var nativeFamilyIndex: [String: Int] = [:]
    private var reservedNames: [String: Int] = [:]
    private let naming: PrometheusNaming

    init(snapshot: MetricsSnapshot, naming: PrometheusNaming) {
        self.naming = naming
        shape = SnapshotShape(snapshot, naming: naming)
        // A guess that fits a name and a few short labels per series; the buffer doubles when they are longer.
        labelBytes = ExpositionBuffer(capacity: snapshot.pointCount * 64 + 256)
        if naming.exposesTargetInfo, !snapshot.resource.attributes.isEmpty {
            targetInfoLabels = appendLabels(snapshot.resource.attributes, extra: [])
            reservedNames["target"] = -1
            reservedNames[PrometheusNaming.targetInfoName] = -1
        }
        var metricPosition: Int32 = 0
        for scope in snapshot.scopes {
            let scopeLabels = scopeLabels(of: scope)
            for metric in scope.metrics {
                add(metric, at: metricPosition, scopeLabels: scopeLabels)
                metricPosition += 1
            }
        }
        metricPosition = 0
        for scope in snapshot.scopes {
            for metric in scope.metrics {
                if case .exponentialHistogram(let histogram) = metric.data {
                    addNativeHistogram(metric, histogram, at: metricPosition, scopeLabels: scopeLabels(of: scope))
                }
                metricPosition += 1
            }
        }
        families.sort { $0.baseName < $1.baseName }
        for index in families.indices {
            sortSeries(&families[index].series)
        }
        nativeHistogramFamilies.sort { $0.baseName < $1.baseName }
        for index in nativeHistogramFamilies.indices {
            sortSeries(&nativeHistogramFamilies[index].series)
        }
        // The catalog is kept for later scrapes; what the guess above left unused would be kept with it.
        labelBytes.shrinkToFit()
    }

    /// The metrics an exposition in `format` leaves out: the text formats cannot carry exponential
    /// histograms, which the protobuf format carries as native histograms unless it has another reason not to.
    func drops(for format: ExpositionFormat) -> [ExpositionDrop] {
        guard format == .protobuf else { return drops }
        return drops.filter { $0.reason != .exponentialHistogram } + nativeHistogramDrops
    }

    /// Logs each metric an exposition in `format` leaves out, rate-limited per metric; called for every
    /// exposition, fresh catalog or not.
    func reportDrops(for format: ExpositionFormat) {
        for drop in drops(for: format) {
            drop.report()
        }
    }

    /// The `otel_scope_name` and `otel_scope_version` labels of a scope's points, when the naming adds them.
    private func scopeLabels(of scope: ScopeMetrics) -> [(String, String)] {
        var scopeLabels: [(String, String)] = []
        if naming.addsScopeLabels {
            scopeLabels.append((PrometheusNaming.scopeNameLabel, scope.scope.name))
            if let version = scope.scope.version {
                scopeLabels.append((PrometheusNaming.scopeVersionLabel, version))
            }
        }
        return scopeLabels
    }

    private mutating func add(_ metric: Metric, at position: Int32, scopeLabels: [(String, String)]) {
        let type: PrometheusNaming.FamilyType
        switch metric.data {
        case .sum(let sum):
            guard sum.temporality == .cumulative || !sum.isMonotonic else { return drop(metric, .deltaTemporality) }
            type = sum.isMonotonic ? .counter : .gauge
        case .gauge:
            type = .gauge
        case .histogram(let histogram):
            guard histogram.temporality == .cumulative else { return drop(metric, .deltaTemporality) }
            type = .histogram
        case .exponentialHistogram:
            return drop(metric, .exponentialHistogram)
        }
        let baseName = naming.baseName(metricName: metric.name, unit: metric.unit, type: type)
        guard let index = family(baseName: baseName, type: type, metric: metric) else { return }
        families[index].series.reserveCapacity(families[index].series.count + metric.data.pointCount)
        switch metric.data {
        case .sum(let sum):
            let sampleName = type == .counter ? naming.counterSampleName(base: baseName) : baseName
            appendNumberPoints(sum.points, of: position, to: index, sampleName: sampleName, scopeLabels: scopeLabels)
        case .gauge(let gauge):
            appendNumberPoints(gauge.points, of: position, to: index, sampleName: baseName, scopeLabels: scopeLabels)
        case .histogram(let histogram):
            for (offset, point) in histogram.points.enumerated() {
                guard !SnapshotShape.isMalformed(point) else {
                    drop(metric, .malformedHistogram)
                    continue
                }
                let labels = appendLabels(point.attributes, extra: scopeLabels)
                let series = Series(labels: labels, sampleStart: labels.lowerBound..<labels.lowerBound, metric: position, index: Int32(offset))
                appendSeries(series, to: index)
            }
        case .exponentialHistogram:
            break
        }
    }

    private mutating func appendNumberPoints(
        _ points: [NumberPoint], of position: Int32, to index: Int, sampleName: String, scopeLabels: [(String, String)]
    ) {
        for offset in points.indices {
            let attributes = points[offset].attributes
            // Labels are rendered exactly when there are attributes or scope labels.
            let hasLabels = !attributes.isEmpty || !scopeLabels.isEmpty
            let start = labelBytes.count
            labelBytes.append(sampleName)
            if hasLabels { labelBytes.append(UInt8(ascii: "{")) }
            let labels = appendLabels(attributes, extra: scopeLabels)
            if hasLabels { labelBytes.append(UInt8(ascii: "}")) }
            let series = Series(labels: labels, sampleStart: Int32(start)..<Int32(labelBytes.count), metric: position, index: Int32(offset))
            appendSeries(series, to: index)
        }
    }

    private mutating func appendSeries(_ series: Series, to family: Int) {
        families[family].series.append(series)
        seriesCount += 1
    }

    /// Adds an exponential histogram's points to the native histogram family of its name, unless its points
    /// are deltas or another family owns the name.
    private mutating func addNativeHistogram(
        _ metric: Metric, _ histogram: MetricData.ExponentialHistogram, at position: Int32, scopeLabels: [(String, String)]
    ) {
        guard histogram.temporality == .cumulative else {
            return nativeHistogramDrops.append(ExpositionDrop(metricName: metric.name, reason: .deltaTemporality))
        }
        let baseName = naming.baseName(metricName: metric.name, unit: metric.unit, type: .histogram)
        let index: Int
        if let existing = nativeFamilyIndex[baseName] {
            index = existing
        } else {
            if let conflict = conflict(with: Self.sampleNames(baseName: baseName, type: .histogram)) {
                return nativeHistogramDrops.append(ExpositionDrop(metricName: metric.name, reason: conflict))
            }
            index = nativeHistogramFamilies.count
            nativeHistogramFamilies.append(Family(
                baseName: baseName, type: .histogram, help: metric.description,
                unitWord: naming.unitWord(unit: metric.unit, type: .histogram), series: []
            ))
            nativeFamilyIndex[baseName] = index
        }
        for (offset, point) in histogram.points.enumerated() {
            let labels = appendLabels(point.attributes, extra: scopeLabels)
            let series = Series(labels: labels, sampleStart: labels.lowerBound..<labels.lowerBound, metric: position, index: Int32(offset))
            nativeHistogramFamilies[index].series.append(series)
        }
    }

    /// The index of the family a metric joins, creating it; nil when its names are taken by another type.
    private mutating func family(baseName: String, type: PrometheusNaming.FamilyType, metric: Metric) -> Int? {
        let key = type.rawValue + " " + baseName
        if let index = familyIndex[key] { return index }
        let names = Self.sampleNames(baseName: baseName, type: type)
        if let conflict = conflict(with: names) {
            drop(metric, conflict)
            return nil
        }
        let index = families.count
        families.append(Family(
            baseName: baseName, type: type, help: metric.description,
            unitWord: naming.unitWord(unit: metric.unit, type: type), series: []
        ))
        familyIndex[key] = index
        for name in names { reservedNames[name] = index }
        return index
    }

    /// The conflict with the family (or `target_info`) that owns one of `names`; nil when all are free.
    private func conflict(with names: [String]) -> ExpositionDrop.Reason? {
        for name in names {
            guard let owner = reservedNames[name] else { continue }
            let existing = owner >= 0 ? (families[owner].baseName, families[owner].type) : (PrometheusNaming.targetInfoName, .gauge)
            return .conflictingName(existingFamily: existing.0, existingType: existing.1)
        }
        return nil
    }

    /// Every name a family's samples and metadata can use, in either format.
    private static func sampleNames(baseName: String, type: PrometheusNaming.FamilyType) -> [String] {
        switch type {
        case .counter: return [baseName, baseName + "_total", baseName + "_created"]
        case .gauge: return [baseName]
        case .histogram: return [baseName, baseName + "_bucket", baseName + "_count", baseName + "_sum", baseName + "_created"]
        }
    }

    private mutating func drop(_ metric: Metric, _ reason: ExpositionDrop.Reason) {
        drops.append(ExpositionDrop(metricName: metric.name, reason: reason))
    }

    /// Renders labels sorted by name; attributes whose names collide have their values joined with `;` in
    /// the order of their original keys.
    ///
    /// Consecutive points usually have the same attribute keys, so the order of their labels is worked out
    /// once (a `LabelPlan`) and reused; keys whose names collide take the slower merging path.
    private mutating func appendLabels(_ attributes: Attributes, extra: [(String, String)]) -> Range<Int32> {
        if !(lastPlan?.fits(attributes, extraCount: extra.count) ?? false) {
            lastPlan = LabelPlan(attributes: attributes, extra: extra) { labelName($0) }
        }
        guard let plan = lastPlan, plan.isUsable else { return appendMergedLabels(attributes, extra: extra) }
        let start = labelBytes.count
        for (offset, step) in plan.steps.enumerated() {
            let value = step.source >= 0 ? attributes.elements[step.source].value : .string(extra[-1 - step.source].1)
            appendLabel(name: step.name, value: value, first: offset == 0)
        }
        return Int32(start)..<Int32(labelBytes.count)
    }

    /// Writes labels whose names collide: sorted, with the values of one name joined.
    private mutating func appendMergedLabels(_ attributes: Attributes, extra: [(String, String)]) -> Range<Int32> {
        let start = labelBytes.count
        var pairs: [(name: String, value: String)] = attributes.map { (labelName($0.key), $0.value.description) }
        if !Self.isStrictlySorted(pairs) {
            pairs = Self.mergingCollisions(pairs)
        }
        for (name, value) in extra {
            Self.insert((name, value), into: &pairs)
        }
        for (offset, pair) in pairs.enumerated() {
            appendLabel(name: pair.name, value: .string(pair.value), first: offset == 0)
        }
        return Int32(start)..<Int32(labelBytes.count)
    }

    private mutating func appendLabel(name: String, value: AttributeValue, first: Bool) {
        if !first { labelBytes.append(UInt8(ascii: ",")) }
        labelBytes.append(name)
        labelBytes.append(UInt8(ascii: "="))
        labelBytes.append(UInt8(ascii: "\""))
        labelBytes.appendLabelValue(value)
        labelBytes.append(UInt8(ascii: "\""))
    }

    /// The label name of an attribute key, translating each distinct invalid key once.
    private mutating func labelName(_ key: String) -> String {
        if PrometheusNaming.isValid(key, allowsColon: false) { return key }
        if let cached = sanitizedLabelNames[key] { return cached }
        let name = naming.labelName(key)
        sanitizedLabelNames[key] = name
        return name
    }

    /// Byte order, which for the ASCII label names is the order Prometheus sorts them in.
    static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }

    private static func isStrictlySorted(_ pairs: [(name: String, value: String)]) -> Bool {
        var index = 1
        while index < pairs.count {
            if !precedes(pairs[index - 1].name, pairs[index].name) { return false }
            index += 1
        }
        return true
    }

    /// Inserts a label at its sorted place, joining its value to a label of the same name.
    private static func insert(_ pair: (name: String, value: String), into pairs: inout [(name: String, value: String)]) {
        var index = pairs.count
        while index > 0, precedes(pair.name, pairs[index - 1].name) { index -= 1 }
        if index > 0, pairs[index - 1].name == pair.name {
            pairs[index - 1].value += ";" + pair.value
        } else {
            pairs.insert(pair, at: index)
        }
    }

    private static func mergingCollisions(_ pairs: [(name: String, value: String)]) -> [(name: String, value: String)] {
        let ordered = pairs.enumerated().sorted { lhs, rhs in
            lhs.element.name != rhs.element.name ? precedes(lhs.element.name, rhs.element.name) : lhs.offset < rhs.offset
        }
        var merged: [(name: String, value: String)] = []
        for (_, pair) in ordered {
            if let last = merged.last, last.name == pair.name {
                merged[merged.count - 1].value += ";" + pair.value
            } else {
                merged.append(pair)
            }
        }
        return merged
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

/// The order in which the labels of points with one list of attribute keys are written, merging in the
/// scope labels: worked out once and reused while the keys stay the same.
struct LabelPlan {
    /// One label: its name and where its value comes from, an attribute index (`>= 0`) or scope label
    /// `-1 - source`.
    struct Step {
        let name: String
        let source: Int
    }

    let keys: [String]
    let extraCount: Int
    let steps: [Step]
    /// False when two labels share a name, which needs their values joined point by point.
    let isUsable: Bool

    init(attributes: Attributes, extra: [(String, String)], labelName: (String) -> String) {
        keys = attributes.elements.map(\.key)
        extraCount = extra.count
        var steps = attributes.elements.enumerated().map { Step(name: labelName($0.element.key), source: $0.offset) }
        var usable = zip(steps, steps.dropFirst()).allSatisfy { ExpositionCatalog.precedes($0.name, $1.name) }
        for (index, (name, _)) in extra.enumerated() where usable {
            let position = steps.firstIndex { !ExpositionCatalog.precedes($0.name, name) } ?? steps.count
            usable = position == steps.count || steps[position].name != name
            steps.insert(Step(name: name, source: -1 - index), at: position)
        }
        self.steps = steps
        isUsable = usable
    }

    /// Whether the plan was made for points with these attribute keys and this many scope labels.
    func fits(_ attributes: Attributes, extraCount: Int) -> Bool {
        guard attributes.count == keys.count, extraCount == self.extraCount else { return false }
        for (attribute, key) in zip(attributes.elements, keys) where attribute.key != key {
            return false
        }
        return true
    }
}
