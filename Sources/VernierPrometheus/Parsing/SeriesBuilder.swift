/// Collects the samples of one series and checks them against the rules of the family type.
struct SeriesBuilder {
    typealias Failure = ExpositionParseError

    let labels: [ScrapedLabel]
    /// The offset of the series' first sample, where whole-series errors are reported.
    let firstOffset: Int
    private var value: Double?
    private var buckets: [ScrapedBucket] = []
    private var quantiles: [ScrapedQuantile] = []
    private var count: Double?
    private var countOffset = 0
    private var sum: Double?
    private var sumOffset = 0
    private var created: Double?
    private var timestampMilliseconds: Int64?
    private var exemplars: [ScrapedExemplar] = []

    init(labels: [ScrapedLabel], firstOffset: Int) {
        self.labels = labels
        self.firstOffset = firstOffset
    }

    /// Whether `raw`, leaving out the label at index `skipped`, is written exactly as this series' labels, in order.
    func hasLabels(writtenAs raw: [RawLabel], skipping skipped: Int?, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var next = 0
        for index in raw.indices where index != skipped {
            guard next < labels.count, raw[index].isWritten(as: labels[next], in: bytes) else { return false }
            next += 1
        }
        return next == labels.count
    }

    /// Adds one sample. `bound` is the parsed `le` of a bucket or `quantile` of a summary quantile,
    /// found at `boundOffset`. OpenMetrics value rules are checked only for OpenMetrics bodies.
    mutating func record(
        _ sample: SampleLine,
        as role: SampleRole,
        bound: Double,
        boundOffset: Int,
        type: ScrapedMetricType,
        format: ExpositionTextFormat,
        in bytes: UnsafeBufferPointer<UInt8>
    ) throws(Failure) {
        let isStrict = format == .openMetrics
        let sampleValue = sample.value
        func failure(_ reason: String, at offset: Int) -> Failure {
            ExpositionParseError(reason, at: offset, in: bytes)
        }
        func duplicate() -> Failure {
            failure("duplicate series \(sample.writtenSeries(in: bytes))", at: sample.start)
        }

        switch role {
        case .value where type == .summary:
            guard !quantiles.contains(where: { $0.quantile == bound }) else { throw duplicate() }
            if isStrict, sampleValue < 0 {
                throw failure("summary quantile value must not be negative", at: sample.valueOffset)
            }
            quantiles.append(ScrapedQuantile(quantile: bound, value: sampleValue))
        case .value:
            guard value == nil else { throw duplicate() }
            if isStrict, let reason = Self.problem(withValue: sampleValue, of: type) {
                throw failure(reason, at: sample.valueOffset)
            }
            value = sampleValue
        case .bucket:
            if let last = buckets.last {
                if bound <= last.upperBound {
                    if buckets.contains(where: { $0.upperBound == bound }) { throw duplicate() }
                    // The text format leaves the order of buckets open (`finish` sorts them); OpenMetrics does not.
                    if isStrict { throw failure("histogram buckets are not in ascending order of le", at: boundOffset) }
                } else if sampleValue < last.cumulativeCount {
                    throw failure("histogram bucket counts decrease", at: sample.valueOffset)
                }
            }
            if isStrict, !ExpositionNumber.isCount(sampleValue) {
                throw failure("histogram bucket count must be a non-negative integer", at: sample.valueOffset)
            }
            buckets.append(ScrapedBucket(upperBound: bound, cumulativeCount: sampleValue))
        case .count:
            guard count == nil else { throw duplicate() }
            if isStrict, !ExpositionNumber.isCount(sampleValue) {
                throw failure("\(Self.countSuffix(of: type)) must be a non-negative integer", at: sample.valueOffset)
            }
            count = sampleValue
            countOffset = sample.valueOffset
        case .sum:
            guard sum == nil else { throw duplicate() }
            if isStrict, sampleValue.isNaN {
                throw failure("\(Self.sumSuffix(of: type)) must not be NaN", at: sample.valueOffset)
            }
            if isStrict, type == .summary, sampleValue < 0 {
                throw failure("summary _sum must not be negative", at: sample.valueOffset)
            }
            sum = sampleValue
            sumOffset = sample.valueOffset
        case .created:
            guard created == nil else { throw duplicate() }
            created = sampleValue
        }
        if timestampMilliseconds == nil {
            timestampMilliseconds = sample.timestampMilliseconds
        }
    }

    mutating func append(_ exemplar: ScrapedExemplar) {
        exemplars.append(exemplar)
    }

    /// The finished series, after the checks that need all of its samples.
    func finish(
        type: ScrapedMetricType,
        familyName: String,
        format: ExpositionTextFormat,
        in bytes: UnsafeBufferPointer<UInt8>
    ) throws(Failure) -> ScrapedSeries {
        let finishedValue: ScrapedValue
        switch type {
        case .histogram, .gaugeHistogram:
            let isAscending = zip(buckets, buckets.dropFirst()).allSatisfy { $0.upperBound < $1.upperBound }
            let buckets = isAscending ? buckets : buckets.sorted { $0.upperBound < $1.upperBound }
            if zip(buckets, buckets.dropFirst()).contains(where: { $1.cumulativeCount < $0.cumulativeCount }) {
                throw ExpositionParseError(
                    "histogram bucket counts decrease in series \(describe(familyName: familyName))", at: firstOffset, in: bytes)
            }
            guard let last = buckets.last, last.upperBound == .infinity else {
                throw ExpositionParseError(
                    "histogram without +Inf bucket in series \(describe(familyName: familyName))",
                    at: firstOffset, in: bytes
                )
            }
            if format == .openMetrics {
                try checkTotals(type: type, infiniteBucketCount: last.cumulativeCount, in: bytes)
            }
            finishedValue = .histogram(ScrapedHistogram(buckets: buckets, count: count, sum: sum))
        case .summary:
            finishedValue = .summary(ScrapedSummary(quantiles: quantiles, count: count, sum: sum))
        default:
            guard let value else {
                throw ExpositionParseError(
                    "\(type.rawValue) without \(format == .openMetrics ? "_total" : "value") sample "
                        + "in series \(describe(familyName: familyName))",
                    at: firstOffset, in: bytes
                )
            }
            finishedValue = .number(value)
        }
        return ScrapedSeries(
            labels: labels,
            value: finishedValue,
            timestampMilliseconds: timestampMilliseconds,
            createdSeconds: created,
            exemplars: exemplars
        )
    }

    /// The series as `name{label="value",...}`, for error messages.
    func describe(familyName: String) -> String {
        guard !labels.isEmpty else { return familyName }
        var text = familyName + "{"
        for (index, label) in labels.enumerated() {
            if index > 0 { text += "," }
            text += "\(label.name)=\"\(EscapedText.escaped(label.value))\""
        }
        return text + "}"
    }

    /// The OpenMetrics rules linking a histogram's count and sum to its buckets.
    private func checkTotals(
        type: ScrapedMetricType,
        infiniteBucketCount: Double,
        in bytes: UnsafeBufferPointer<UInt8>
    ) throws(Failure) {
        let countSuffix = Self.countSuffix(of: type)
        let sumSuffix = Self.sumSuffix(of: type)
        func failure(_ reason: String, at offset: Int) -> Failure {
            ExpositionParseError(reason, at: offset, in: bytes)
        }
        switch (count, sum) {
        case (nil, .some):
            throw failure("histogram has \(sumSuffix) but no \(countSuffix)", at: sumOffset)
        case (.some, nil):
            throw failure("histogram has \(countSuffix) but no \(sumSuffix)", at: countOffset)
        default:
            break
        }
        if let count, count != infiniteBucketCount {
            throw failure("\(countSuffix) does not match the +Inf bucket count", at: countOffset)
        }
        if let sum {
            let hasNegativeBuckets = (buckets.first?.upperBound ?? 0) < 0
            if type == .histogram, hasNegativeBuckets {
                throw failure("histogram with negative buckets must not have a _sum", at: sumOffset)
            }
            if sum < 0, !hasNegativeBuckets {
                throw failure("\(sumSuffix) must not be negative without negative buckets", at: sumOffset)
            }
        }
    }

    /// The OpenMetrics rule broken by a single value of a family type, if any.
    private static func problem(withValue value: Double, of type: ScrapedMetricType) -> String? {
        switch type {
        case .counter:
            if value.isNaN { return "counter value must not be NaN" }
            return value < 0 ? "counter value must not be negative" : nil
        case .info:
            return value == 1 ? nil : "info value must be 1"
        case .stateSet:
            return value == 0 || value == 1 ? nil : "stateset value must be 0 or 1"
        default:
            return nil
        }
    }

    private static func countSuffix(of type: ScrapedMetricType) -> String {
        type == .gaugeHistogram ? "_gcount" : "_count"
    }

    private static func sumSuffix(of type: ScrapedMetricType) -> String {
        type == .gaugeHistogram ? "_gsum" : "_sum"
    }
}
