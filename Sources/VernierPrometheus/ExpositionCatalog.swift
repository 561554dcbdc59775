#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Vernier

/// A snapshot regrouped into Prometheus families: names translated, conflicts and unsupported metrics
/// dropped, labels rendered once, everything sorted. Both text writers read it.
struct ExpositionCatalog {
    /// One point of a family, with its rendered labels.
    struct Series {
        enum Point {
            case number(NumberPoint)
            case histogram(HistogramPoint)
        }

        /// Where the series' labels (`a="x",b="y"`, without braces) are in `labelBytes`.
        let labels: Range<Int>
        let point: Point
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
    /// The resource's labels, when `target_info` is exposed.
    private(set) var targetInfoLabels: Range<Int>?
    private(set) var labelBytes = ExpositionBuffer(capacity: 0)
    private(set) var drops: [ExpositionDrop] = []

    private var familyIndex: [String: Int] = [:]
    private var reservedNames: [String: Int] = [:]
    private let naming: PrometheusNaming

    init(snapshot: MetricsSnapshot, naming: PrometheusNaming) {
        self.naming = naming
        labelBytes = ExpositionBuffer(capacity: snapshot.pointCount * 48)
        if naming.exposesTargetInfo, !snapshot.resource.attributes.isEmpty {
            targetInfoLabels = appendLabels(snapshot.resource.attributes, extra: [])
            reservedNames["target"] = -1
            reservedNames[PrometheusNaming.targetInfoName] = -1
        }
        for scope in snapshot.scopes {
            var scopeLabels: [(String, String)] = []
            if naming.addsScopeLabels {
                scopeLabels.append((PrometheusNaming.scopeNameLabel, scope.scope.name))
                if let version = scope.scope.version {
                    scopeLabels.append((PrometheusNaming.scopeVersionLabel, version))
                }
            }
            for metric in scope.metrics {
                add(metric, scopeLabels: scopeLabels)
            }
        }
        families.sort { $0.baseName < $1.baseName }
        for index in families.indices {
            sortSeries(&families[index].series)
        }
    }

    /// The labels of a series as bytes.
    func labels(_ range: Range<Int>) -> ArraySlice<UInt8> {
        labelBytes.bytes[range]
    }

    private mutating func add(_ metric: Metric, scopeLabels: [(String, String)]) {
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
        switch metric.data {
        case .sum(let sum):
            appendNumberPoints(sum.points, to: index, scopeLabels: scopeLabels)
        case .gauge(let gauge):
            appendNumberPoints(gauge.points, to: index, scopeLabels: scopeLabels)
        case .histogram(let histogram):
            for point in histogram.points {
                guard point.bucketCounts.count == point.boundaries.count + 1 else {
                    drop(metric, .malformedHistogram)
                    continue
                }
                let labels = appendLabels(point.attributes, extra: scopeLabels)
                families[index].series.append(Series(labels: labels, point: .histogram(point)))
            }
        case .exponentialHistogram:
            break
        }
    }

    private mutating func appendNumberPoints(_ points: [NumberPoint], to index: Int, scopeLabels: [(String, String)]) {
        families[index].series.reserveCapacity(families[index].series.count + points.count)
        for point in points {
            let labels = appendLabels(point.attributes, extra: scopeLabels)
            families[index].series.append(Series(labels: labels, point: .number(point)))
        }
    }

    /// The index of the family a metric joins, creating it; nil when its names are taken by another type.
    private mutating func family(baseName: String, type: PrometheusNaming.FamilyType, metric: Metric) -> Int? {
        let key = type.rawValue + " " + baseName
        if let index = familyIndex[key] { return index }
        let names = Self.sampleNames(baseName: baseName, type: type)
        for name in names {
            guard let owner = reservedNames[name] else { continue }
            let existing = owner >= 0 ? (families[owner].baseName, families[owner].type) : (PrometheusNaming.targetInfoName, .gauge)
            drop(metric, .conflictingName(existingFamily: existing.0, existingType: existing.1))
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

    /// Every name a family's samples and metadata can use, in either format.
    private static func sampleNames(baseName: String, type: PrometheusNaming.FamilyType) -> [String] {
        switch type {
        case .counter: return [baseName, baseName + "_total", baseName + "_created"]
        case .gauge: return [baseName]
        case .histogram: return [baseName, baseName + "_bucket", baseName + "_count", baseName + "_sum", baseName + "_created"]
        }
    }

    private mutating func drop(_ metric: Metric, _ reason: ExpositionDrop.Reason) {
        let drop = ExpositionDrop(metricName: metric.name, reason: reason)
        drops.append(drop)
        Diagnostics.report(.warning, "prometheus exposition: \(drop)", key: "prometheus.drop." + metric.name)
    }

    /// Renders labels sorted by name; attributes whose names collide have their values joined with `;` in
    /// the order of their original keys.
    private mutating func appendLabels(_ attributes: Attributes, extra: [(String, String)]) -> Range<Int> {
        var pairs: [(name: String, value: String)] = []
        pairs.reserveCapacity(attributes.count + extra.count)
        for attribute in attributes {
            pairs.append((naming.labelName(attribute.key), attribute.value.description))
        }
        if !Self.isStrictlySorted(pairs) {
            pairs = Self.mergingCollisions(pairs)
        }
        for (name, value) in extra {
            Self.insert((name, value), into: &pairs)
        }
        let start = labelBytes.count
        for (offset, pair) in pairs.enumerated() {
            if offset > 0 { labelBytes.append(UInt8(ascii: ",")) }
            labelBytes.append(pair.name)
            labelBytes.append(UInt8(ascii: "="))
            labelBytes.append(UInt8(ascii: "\""))
            labelBytes.appendEscapedLabelValue(pair.value)
            labelBytes.append(UInt8(ascii: "\""))
        }
        return start..<labelBytes.count
    }

    private static func isStrictlySorted(_ pairs: [(name: String, value: String)]) -> Bool {
        var index = 1
        while index < pairs.count {
            if !(pairs[index - 1].name < pairs[index].name) { return false }
            index += 1
        }
        return true
    }

    /// Inserts a label at its sorted place, joining its value to a label of the same name.
    private static func insert(_ pair: (name: String, value: String), into pairs: inout [(name: String, value: String)]) {
        var index = pairs.count
        while index > 0, pair.name < pairs[index - 1].name { index -= 1 }
        if index > 0, pairs[index - 1].name == pair.name {
            pairs[index - 1].value += ";" + pair.value
        } else {
            pairs.insert(pair, at: index)
        }
    }

    private static func mergingCollisions(_ pairs: [(name: String, value: String)]) -> [(name: String, value: String)] {
        let ordered = pairs.enumerated().sorted { lhs, rhs in
            lhs.element.name != rhs.element.name ? lhs.element.name < rhs.element.name : lhs.offset < rhs.offset
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

    private func sortSeries(_ series: inout [Series]) {
        guard series.count > 1 else { return }
        labelBytes.bytes.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return }
            func precedes(_ lhs: Series, _ rhs: Series) -> Bool {
                let common = min(lhs.labels.count, rhs.labels.count)
                let order = memcmp(base + lhs.labels.lowerBound, base + rhs.labels.lowerBound, common)
                return order != 0 ? order < 0 : lhs.labels.count < rhs.labels.count
            }
            var sorted = true
            var index = 1
            while index < series.count, sorted {
                sorted = precedes(series[index - 1], series[index])
                index += 1
            }
            if !sorted { series.sort(by: precedes) }
        }
    }
}
