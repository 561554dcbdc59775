/// The value of a histogram or gauge histogram series.
public struct ScrapedHistogram: Sendable, Equatable {
    /// The buckets, ascending by upper bound with cumulative counts as exposed; the last one is `+Inf`.
    public var buckets: [ScrapedBucket]
    /// The `_count` sample (`_gcount` for gauge histograms), if exposed.
    public var count: Double?
    /// The `_sum` sample (`_gsum` for gauge histograms), if exposed.
    public var sum: Double?

    /// Creates a histogram value.
    public init(buckets: [ScrapedBucket], count: Double? = nil, sum: Double? = nil) {
        self.buckets = buckets
        self.count = count
        self.sum = sum
    }
}
