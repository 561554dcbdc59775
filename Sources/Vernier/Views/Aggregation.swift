/// How an instrument's measurements are combined into points.
public enum Aggregation: Sendable, Hashable {
    /// The instrument kind's default: sum for counters, last value for gauges, explicit buckets for histograms.
    case `default`
    /// Measurements are discarded; the instrument costs nothing at collection.
    case drop
    /// Explicit-bucket histogram with these upper bounds.
    case explicitBucketHistogram(boundaries: [Double])
    /// Base-2 exponential histogram of at most `maxSize` buckets per sign, starting at `maxScale`.
    case base2ExponentialHistogram(maxSize: Int = 160, maxScale: Int = 20)
}

/// The aggregation every histogram without a view gets, as `OTEL_EXPORTER_OTLP_METRICS_DEFAULT_HISTOGRAM_AGGREGATION` names it.
public enum DefaultHistogramAggregation: String, Sendable, Hashable {
    /// Explicit buckets: the instrument's advised boundaries, or the OpenTelemetry defaults.
    case explicitBucketHistogram = "explicit_bucket_histogram"
    /// Base-2 exponential buckets, 160 per sign, from scale 20.
    case base2ExponentialBucketHistogram = "base2_exponential_bucket_histogram"
}
