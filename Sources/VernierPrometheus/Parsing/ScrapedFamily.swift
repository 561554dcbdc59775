/// The type of a metric family as exposition declares it.
public enum ScrapedMetricType: String, Sendable {
    case counter, gauge, histogram
    case gaugeHistogram = "gaugehistogram"
    case summary, info
    case stateSet = "stateset"
    /// `untyped` in the text format, `unknown` in OpenMetrics, and every family without a `TYPE` line.
    case unknown
}

/// One metric family read from a Prometheus exposition body, its samples grouped into series.
public struct ScrapedFamily: Sendable, Equatable {
    /// The family name: for OpenMetrics without a counter's `_total` or an info's `_info`; for the text format
    /// the `TYPE` line's name.
    public var name: String
    /// The declared type; `.unknown` without a `TYPE` line.
    public var type: ScrapedMetricType
    /// The `HELP` text, unescaped; empty when absent.
    public var help: String
    /// The OpenMetrics `UNIT`; empty when absent.
    public var unit: String
    /// The series, in the order of their first sample.
    public var series: [ScrapedSeries]

    /// Creates a value from its parts.
    public init(name: String, type: ScrapedMetricType, help: String, unit: String, series: [ScrapedSeries]) {
        self.name = name
        self.type = type
        self.help = help
        self.unit = unit
        self.series = series
    }
}

/// One label of a scraped series or exemplar.
public struct ScrapedLabel: Sendable, Hashable {
    /// The label name.
    public var name: String
    /// The label value, unescaped.
    public var value: String

    /// Creates a label.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// One series of a scraped family: its labels and everything its samples said.
public struct ScrapedSeries: Sendable, Equatable {
    /// The labels, in body order, without a bucket's `le` or a quantile's `quantile`.
    public var labels: [ScrapedLabel]
    /// The value: a number, or a histogram's or summary's parts.
    public var value: ScrapedValue
    /// The explicit timestamp of the series' first sample, in milliseconds since the epoch.
    public var timestampMilliseconds: Int64?
    /// The `_created` sample: when the series started counting, in seconds since the epoch.
    public var createdSeconds: Double?
    /// OpenMetrics exemplars: of a counter's `_total`, of a histogram's buckets in bucket order.
    public var exemplars: [ScrapedExemplar]

    /// Creates a value from its parts.
    public init(labels: [ScrapedLabel], value: ScrapedValue, timestampMilliseconds: Int64? = nil, createdSeconds: Double? = nil, exemplars: [ScrapedExemplar] = []) {
        self.labels = labels
        self.value = value
        self.timestampMilliseconds = timestampMilliseconds
        self.createdSeconds = createdSeconds
        self.exemplars = exemplars
    }
}

/// The value of a scraped series.
public enum ScrapedValue: Sendable, Equatable {
    /// A counter, gauge, untyped, info or stateset sample.
    case number(Double)
    /// A histogram's or gauge histogram's buckets, count and sum.
    case histogram(ScrapedHistogram)
    /// A summary's quantiles, count and sum.
    case summary(ScrapedSummary)
}

/// The samples of one histogram series.
public struct ScrapedHistogram: Sendable, Equatable {
    /// The buckets, ascending by upper bound, with cumulative counts; the last is `+Inf`.
    public var buckets: [ScrapedBucket]
    /// `_count` (a gauge histogram's `_gcount`), when present.
    public var count: Double?
    /// `_sum` (a gauge histogram's `_gsum`), when present.
    public var sum: Double?

    /// Creates a value from its parts.
    public init(buckets: [ScrapedBucket], count: Double?, sum: Double?) {
        self.buckets = buckets
        self.count = count
        self.sum = sum
    }
}

/// One bucket of a scraped histogram.
public struct ScrapedBucket: Sendable, Equatable {
    /// The `le` bound.
    public var upperBound: Double
    /// The count of measurements up to `upperBound`.
    public var cumulativeCount: Double

    /// Creates a value from its parts.
    public init(upperBound: Double, cumulativeCount: Double) {
        self.upperBound = upperBound
        self.cumulativeCount = cumulativeCount
    }
}

/// The samples of one summary series.
public struct ScrapedSummary: Sendable, Equatable {
    /// The quantiles, in body order.
    public var quantiles: [ScrapedQuantile]
    /// `_count`, when present.
    public var count: Double?
    /// `_sum`, when present.
    public var sum: Double?

    /// Creates a value from its parts.
    public init(quantiles: [ScrapedQuantile], count: Double?, sum: Double?) {
        self.quantiles = quantiles
        self.count = count
        self.sum = sum
    }
}

/// One quantile of a scraped summary.
public struct ScrapedQuantile: Sendable, Equatable {
    /// The quantile, between 0 and 1.
    public var quantile: Double
    /// The value at that quantile.
    public var value: Double

    /// Creates a value from its parts.
    public init(quantile: Double, value: Double) {
        self.quantile = quantile
        self.value = value
    }
}

/// An OpenMetrics exemplar.
public struct ScrapedExemplar: Sendable, Equatable {
    /// The exemplar's labels, such as `trace_id`.
    public var labels: [ScrapedLabel]
    /// The exemplar's value.
    public var value: Double
    /// When it was recorded, in seconds since the epoch, if the body says.
    public var timestampSeconds: Double?

    /// Creates a value from its parts.
    public init(labels: [ScrapedLabel], value: Double, timestampSeconds: Double?) {
        self.labels = labels
        self.value = value
        self.timestampSeconds = timestampSeconds
    }
}
