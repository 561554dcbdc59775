/// Groups the metadata and samples an `ExpositionReader` reads into families and series, and checks what
/// only the whole body can tell: which family a sample belongs to, duplicates, interleaving, and complete
/// histograms.
struct FamilyAssembler {
    /// Where a line's token is, for errors.
    struct Location {
        var line: Int
        var column: Int

        func error(_ reason: String) -> ExpositionParseError {
            ExpositionParseError(line: line, column: column, reason: reason)
        }
    }

    enum Metadata {
        case help, type, unit
    }

    struct Sample {
        var name: String
        var labels: [ScrapedLabel]
        var value: Double
        var timestampMilliseconds: Int64?
        var exemplar: ScrapedExemplar?
    }

    fileprivate struct SeriesBuilder {
        var labels: [ScrapedLabel]
        var location: Location
        var number: Double?
        var buckets: [ScrapedBucket] = []
        var bucketExemplars: [ScrapedExemplar] = []
        var quantiles: [ScrapedQuantile] = []
        var count: Double?
        var sum: Double?
        var created: Double?
        var timestamp: Int64?
        var exemplars: [ScrapedExemplar] = []
    }

    fileprivate struct FamilyBuilder {
        var name: String
        var type: ScrapedMetricType = .unknown
        var help: String?
        var unit: String?
        var hasType = false
        var hasSamples = false
        var series: [SeriesBuilder] = []
        var seriesIndex: [[ScrapedLabel]: Int] = [:]
    }

    private let isOpenMetrics: Bool
    private var families: [FamilyBuilder] = []
    private var familyIndex: [String: Int] = [:]
    private var current: Int?

    init(isOpenMetrics: Bool) {
        self.isOpenMetrics = isOpenMetrics
    }

    // MARK: Lines

    mutating func metadata(_ kind: Metadata, name: String, value: String, at location: Location, valueAt valueLocation: Location) throws(ExpositionParseError) {
        let index = try family(named: name, at: location)
        if isOpenMetrics, families[index].hasSamples { throw location.error("metadata for '\(name)' after its samples") }
        switch kind {
        case .help:
            guard families[index].help == nil else { throw location.error("HELP for '\(name)' given twice") }
            families[index].help = value
        case .unit:
            guard families[index].unit == nil else { throw location.error("UNIT for '\(name)' given twice") }
            guard value.isEmpty || name.hasSuffix("_" + value) else { throw valueLocation.error("the name '\(name)' does not end in its unit '\(value)'") }
            families[index].unit = value
        case .type:
            guard !families[index].hasType else { throw location.error("TYPE for '\(name)' given twice") }
            guard let type = Self.type(value, isOpenMetrics: isOpenMetrics) else { throw valueLocation.error("unknown type '\(value)'") }
            if families[index].hasSamples { throw location.error("TYPE for '\(name)' after its samples") }
            families[index].type = type
            families[index].hasType = true
        }
    }

    mutating func sample(_ sample: Sample, at location: Location, valueAt valueLocation: Location) throws(ExpositionParseError) {
        let (index, suffix) = try resolve(sample.name, at: location)
        families[index].hasSamples = true
        let type = families[index].type
        var labels = sample.labels
        var bound: Double?
        if (type == .histogram || type == .gaugeHistogram) && suffix == "_bucket" {
            bound = try Self.takeFloatLabel("le", from: &labels, at: location)
        } else if type == .summary && suffix.isEmpty {
            bound = try Self.takeFloatLabel("quantile", from: &labels, at: location)
        }
        if sample.exemplar != nil {
            let allowed = (type == .counter && suffix == "_total") || ((type == .histogram || type == .gaugeHistogram) && suffix == "_bucket")
            guard allowed else { throw location.error("an exemplar on '\(sample.name)', which cannot carry one") }
        }
        let key = labels.sorted { $0.name < $1.name }
        let seriesIndex: Int
        if let existing = families[index].seriesIndex[key] {
            seriesIndex = existing
        } else {
            seriesIndex = families[index].series.count
            families[index].series.append(SeriesBuilder(labels: labels, location: location, timestamp: sample.timestampMilliseconds))
            families[index].seriesIndex[key] = seriesIndex
        }
        try families[index].series[seriesIndex].add(sample, suffix: suffix, type: type, bound: bound, at: location)
    }

    /// The families, once every line is read.
    mutating func finish() throws(ExpositionParseError) -> [ScrapedFamily] {
        try families.map { (family) throws(ExpositionParseError) -> ScrapedFamily in
            let series = try family.series.map { (builder) throws(ExpositionParseError) -> ScrapedSeries in try builder.build(family: family, isOpenMetrics: isOpenMetrics) }
            return ScrapedFamily(name: family.name, type: family.type, help: family.help ?? "", unit: family.unit ?? "", series: series)
        }
    }

    // MARK: Families

    private mutating func family(named name: String, at location: Location) throws(ExpositionParseError) -> Int {
        if let index = familyIndex[name] {
            if isOpenMetrics, index != current { throw location.error("family '\(name)' interleaves with another") }
            current = index
            return index
        }
        if isOpenMetrics, let current, families[current].name == name { return current }
        families.append(FamilyBuilder(name: name))
        familyIndex[name] = families.count - 1
        current = families.count - 1
        return families.count - 1
    }

    /// The family a sample named `name` belongs to and the suffix it has there.
    private mutating func resolve(_ name: String, at location: Location) throws(ExpositionParseError) -> (Int, String) {
        if let current, let suffix = Self.suffix(of: name, in: families[current], isOpenMetrics: isOpenMetrics) {
            return (current, suffix)
        }
        for suffix in Self.allSuffixes where name.hasSuffix(suffix) {
            let base = String(name.dropLast(suffix.count))
            if let index = familyIndex[base], Self.suffix(of: name, in: families[index], isOpenMetrics: isOpenMetrics) == suffix {
                if isOpenMetrics { throw location.error("family '\(base)' interleaves with another") }
                current = index
                return (index, suffix)
            }
        }
        if let index = familyIndex[name], families[index].hasType {
            throw location.error("'\(name)' is not a sample of \(families[index].type.rawValue) '\(name)'")
        }
        let index = try family(named: name, at: location)
        return (index, "")
    }

    private static let allSuffixes = ["", "_total", "_created", "_bucket", "_count", "_sum", "_gcount", "_gsum", "_info"]

    /// The suffix a sample `name` has in `family`, if the family's type has samples of that name.
    private static func suffix(of name: String, in family: FamilyBuilder, isOpenMetrics: Bool) -> String? {
        let allowed: [String]
        switch family.type {
        case .counter: allowed = isOpenMetrics ? ["_total", "_created"] : ["", "_created"]
        case .gauge, .unknown, .stateSet: allowed = [""]
        case .info: allowed = isOpenMetrics ? ["_info"] : [""]
        case .histogram: allowed = ["_bucket", "_count", "_sum", "_created"]
        case .gaugeHistogram: allowed = ["_bucket", "_gcount", "_gsum"]
        case .summary: allowed = ["", "_count", "_sum", "_created"]
        }
        for suffix in allowed where name == family.name + suffix {
            return suffix
        }
        // A text-format counter named `x_total` has its `_created` as `x_created`.
        if !isOpenMetrics, family.type == .counter, family.name.hasSuffix("_total"), name == family.name.dropLast(6) + "_created" {
            return "_created"
        }
        return nil
    }

    private static func type(_ word: String, isOpenMetrics: Bool) -> ScrapedMetricType? {
        switch word {
        case "counter": return .counter
        case "gauge": return .gauge
        case "histogram": return .histogram
        case "summary": return .summary
        case "untyped" where !isOpenMetrics: return .unknown
        case "unknown" where isOpenMetrics: return .unknown
        case "gaugehistogram" where isOpenMetrics: return .gaugeHistogram
        case "info" where isOpenMetrics: return .info
        case "stateset" where isOpenMetrics: return .stateSet
        default: return nil
        }
    }

    private static func takeFloatLabel(_ name: String, from labels: inout [ScrapedLabel], at location: Location) throws(ExpositionParseError) -> Double {
        guard let index = labels.firstIndex(where: { $0.name == name }) else { throw location.error("a sample without its '\(name)' label") }
        let text = labels[index].value
        let value = Array(text.utf8).withUnsafeBufferPointer { ExpositionReader.parseDouble($0, isOpenMetrics: false) }
        guard let value, !value.isNaN else { throw location.error("'\(name)' value '\(text)' is not a number") }
        labels.remove(at: index)
        return value
    }
}

extension FamilyAssembler.SeriesBuilder {
    fileprivate mutating func add(
        _ sample: FamilyAssembler.Sample, suffix: String, type: ScrapedMetricType, bound: Double?, at location: FamilyAssembler.Location
    ) throws(ExpositionParseError) {
        func setOnce(_ field: inout Double?, _ value: Double) throws(ExpositionParseError) {
            guard field == nil else { throw location.error("duplicate series '\(sample.name)'") }
            field = value
        }
        switch suffix {
        case "_created":
            try setOnce(&created, sample.value)
        case "_count", "_gcount":
            try setOnce(&count, sample.value)
        case "_sum", "_gsum":
            try setOnce(&sum, sample.value)
        case "_bucket":
            guard let bound else { return }
            if buckets.contains(where: { $0.upperBound == bound }) { throw location.error("duplicate bucket le=\"\(bound)\" in '\(sample.name)'") }
            buckets.append(ScrapedBucket(upperBound: bound, cumulativeCount: sample.value))
            if let exemplar = sample.exemplar { bucketExemplars.append(exemplar) }
        case "" where type == .summary:
            guard let bound else { return }
            if quantiles.contains(where: { $0.quantile == bound }) { throw location.error("duplicate quantile \(bound) in '\(sample.name)'") }
            quantiles.append(ScrapedQuantile(quantile: bound, value: sample.value))
        default:
            try setOnce(&number, sample.value)
            if let exemplar = sample.exemplar { exemplars.append(exemplar) }
        }
    }

    fileprivate func build(family: FamilyAssembler.FamilyBuilder, isOpenMetrics: Bool) throws(ExpositionParseError) -> ScrapedSeries {
        let value: ScrapedValue
        var exemplars = exemplars
        switch family.type {
        case .histogram, .gaugeHistogram:
            var sorted = buckets
            if isOpenMetrics {
                guard zip(buckets, buckets.dropFirst()).allSatisfy({ $0.upperBound < $1.upperBound }) else {
                    throw location.error("buckets of '\(family.name)' are not in ascending order")
                }
            } else {
                sorted.sort { $0.upperBound < $1.upperBound }
            }
            guard sorted.last?.upperBound == .infinity else { throw location.error("histogram '\(family.name)' without a +Inf bucket") }
            guard zip(sorted, sorted.dropFirst()).allSatisfy({ $0.cumulativeCount <= $1.cumulativeCount }) else {
                throw location.error("bucket counts of '\(family.name)' decrease")
            }
            if isOpenMetrics, let count, count != sorted.last?.cumulativeCount {
                throw location.error("_count of '\(family.name)' differs from its +Inf bucket")
            }
            value = .histogram(ScrapedHistogram(buckets: sorted, count: count, sum: sum))
            exemplars = bucketExemplars
        case .summary:
            value = .summary(ScrapedSummary(quantiles: quantiles, count: count, sum: sum))
        case .counter, .gauge, .unknown, .info, .stateSet:
            guard let number else {
                throw location.error(family.type == .counter ? "counter '\(family.name)' without its \(isOpenMetrics ? "_total " : "")sample" : "series of '\(family.name)' without a value")
            }
            value = .number(number)
        }
        return ScrapedSeries(labels: labels, value: value, timestampMilliseconds: timestamp, createdSeconds: created, exemplars: exemplars)
    }
}
