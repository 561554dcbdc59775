/// A measurement value as OTLP keeps it: an integer or a double.
public enum NumberValue: Sendable, Hashable {
    case int(Int64)
    case double(Double)

    /// The value as a double, for formats that have only one number type.
    public var doubleValue: Double {
        switch self {
        case .int(let value): return Double(value)
        case .double(let value): return value
        }
    }
}

/// One series of a sum or gauge at one collection.
public struct NumberPoint: Sendable, Equatable {
    /// The series' attributes.
    public var attributes: Attributes
    /// When accumulation began: the series' start for cumulative points, the previous collection for delta ones.
    public var startTime: Timestamp
    /// When the point was collected.
    public var time: Timestamp
    /// The sum or last value.
    public var value: NumberValue
    /// Sampled measurements linking this point to traces.
    public var exemplars: [Exemplar]
    /// Whether the point only says that the series ended; its value is meaningless.
    public var flags: DataPointFlags

    /// Creates a point.
    public init(
        attributes: Attributes, startTime: Timestamp, time: Timestamp, value: NumberValue, exemplars: [Exemplar] = [], flags: DataPointFlags = []
    ) {
        self.attributes = attributes
        self.startTime = startTime
        self.time = time
        self.value = value
        self.exemplars = exemplars
        self.flags = flags
    }
}

/// One series of an explicit-bucket histogram at one collection.
public struct HistogramPoint: Sendable, Equatable {
    /// The series' attributes.
    public var attributes: Attributes
    /// When accumulation began.
    public var startTime: Timestamp
    /// When the point was collected.
    public var time: Timestamp
    /// The number of measurements; always the sum of `bucketCounts`.
    public var count: UInt64
    /// The sum of the measurements.
    public var sum: Double
    /// The smallest measurement, when known for the point's time window.
    public var min: Double?
    /// The largest measurement, when known for the point's time window.
    public var max: Double?
    /// The upper bounds of the buckets, ascending; the last bucket is unbounded.
    public var boundaries: [Double]
    /// The count of each bucket, not cumulative; one more than `boundaries`.
    public var bucketCounts: [UInt64]
    /// Sampled measurements linking buckets to traces.
    public var exemplars: [Exemplar]
    /// Whether the point only says that the series ended; its values are meaningless.
    public var flags: DataPointFlags

    /// Creates a histogram point.
    public init(
        attributes: Attributes, startTime: Timestamp, time: Timestamp, count: UInt64, sum: Double,
        min: Double?, max: Double?, boundaries: [Double], bucketCounts: [UInt64], exemplars: [Exemplar] = [], flags: DataPointFlags = []
    ) {
        self.flags = flags
        self.attributes = attributes
        self.startTime = startTime
        self.time = time
        self.count = count
        self.sum = sum
        self.min = min
        self.max = max
        self.boundaries = boundaries
        self.bucketCounts = bucketCounts
        self.exemplars = exemplars
    }
}

/// One series of a base-2 exponential histogram at one collection.
///
/// Bucket `i` of a range covers `(base^(offset+i), base^(offset+i+1)]` with `base = 2^(2^-scale)`.
public struct ExponentialHistogramPoint: Sendable, Equatable {
    /// A contiguous run of buckets starting at `offset`.
    public struct Buckets: Sendable, Equatable {
        /// The index of the first bucket.
        public var offset: Int32
        /// The count of each bucket from `offset` on.
        public var counts: [UInt64]

        /// Creates a bucket range.
        public init(offset: Int32, counts: [UInt64]) {
            self.offset = offset
            self.counts = counts
        }
    }

    /// The series' attributes.
    public var attributes: Attributes
    /// When accumulation began.
    public var startTime: Timestamp
    /// When the point was collected.
    public var time: Timestamp
    /// The number of measurements, zeros included.
    public var count: UInt64
    /// The sum of the measurements.
    public var sum: Double
    /// The smallest measurement, when known.
    public var min: Double?
    /// The largest measurement, when known.
    public var max: Double?
    /// The resolution: larger is finer.
    public var scale: Int32
    /// Measurements equal to zero.
    public var zeroCount: UInt64
    /// The width of the zero bucket; zero here, since only exact zeros go there.
    public var zeroThreshold: Double
    /// Buckets of positive measurements.
    public var positive: Buckets
    /// Buckets of negative measurements, by absolute value.
    public var negative: Buckets
    /// Sampled measurements linking the point to traces.
    public var exemplars: [Exemplar]
    /// Whether the point only says that the series ended; its values are meaningless.
    public var flags: DataPointFlags

    /// Creates an exponential histogram point.
    public init(
        attributes: Attributes, startTime: Timestamp, time: Timestamp, count: UInt64, sum: Double, min: Double?, max: Double?,
        scale: Int32, zeroCount: UInt64, zeroThreshold: Double = 0, positive: Buckets, negative: Buckets, exemplars: [Exemplar] = [],
        flags: DataPointFlags = []
    ) {
        self.flags = flags
        self.attributes = attributes
        self.startTime = startTime
        self.time = time
        self.count = count
        self.sum = sum
        self.min = min
        self.max = max
        self.scale = scale
        self.zeroCount = zeroCount
        self.zeroThreshold = zeroThreshold
        self.positive = positive
        self.negative = negative
        self.exemplars = exemplars
    }
}

/// One series of a summary at one collection: quantiles the source computed, with a count and sum.
public struct SummaryPoint: Sendable, Equatable {
    /// One quantile of the measurements.
    public struct Quantile: Sendable, Equatable {
        /// The quantile, between 0 and 1.
        public var quantile: Double
        /// The measurement at that quantile.
        public var value: Double

        /// Creates a quantile value.
        public init(quantile: Double, value: Double) {
            self.quantile = quantile
            self.value = value
        }
    }

    /// The series' attributes.
    public var attributes: Attributes
    /// When accumulation began.
    public var startTime: Timestamp
    /// When the point was collected.
    public var time: Timestamp
    /// The number of measurements.
    public var count: UInt64
    /// The sum of the measurements.
    public var sum: Double
    /// The quantiles, in the order the source gave them.
    public var quantiles: [Quantile]
    /// Whether the point only says that the series ended; its values are meaningless.
    public var flags: DataPointFlags

    /// Creates a summary point.
    public init(
        attributes: Attributes, startTime: Timestamp, time: Timestamp, count: UInt64, sum: Double, quantiles: [Quantile],
        flags: DataPointFlags = []
    ) {
        self.attributes = attributes
        self.startTime = startTime
        self.time = time
        self.count = count
        self.sum = sum
        self.quantiles = quantiles
        self.flags = flags
    }
}

/// Flags of a data point, as OTLP carries them.
public struct DataPointFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32

    /// Creates flags from their OTLP bits.
    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// The series has no value at this point: it disappeared. Prometheus remote-write sends a staleness marker
    /// for such a point, the scrape formats leave it out, and OTLP carries the flag.
    public static let noRecordedValue = DataPointFlags(rawValue: 1)
}

/// A measurement kept as a sample of a series, linking it to the span that was active when it was recorded.
public struct Exemplar: Sendable, Equatable {
    /// The measurement's attributes that a view removed from the series' attributes.
    public var filteredAttributes: Attributes
    /// When the measurement was recorded.
    public var time: Timestamp
    /// The measured value.
    public var value: NumberValue
    /// The trace active at the measurement, if any.
    public var traceID: TraceID?
    /// The span active at the measurement, if any.
    public var spanID: SpanID?

    /// Creates an exemplar.
    public init(filteredAttributes: Attributes = .empty, time: Timestamp, value: NumberValue, traceID: TraceID? = nil, spanID: SpanID? = nil) {
        self.filteredAttributes = filteredAttributes
        self.time = time
        self.value = value
        self.traceID = traceID
        self.spanID = spanID
    }
}
