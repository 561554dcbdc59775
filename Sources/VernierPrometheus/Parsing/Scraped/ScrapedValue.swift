/// The value of a scraped series, shaped by its family's type.
public enum ScrapedValue: Sendable, Equatable {
    /// A single number: counter total, gauge, unknown, info (always 1) or one stateset state (0 or 1).
    case number(Double)
    /// The buckets, count and sum of a histogram or gauge histogram.
    case histogram(ScrapedHistogram)
    /// The quantiles, count and sum of a summary.
    case summary(ScrapedSummary)
    /// A native histogram, which only the protobuf exposition carries.
    case nativeHistogram(ScrapedNativeHistogram)
}
