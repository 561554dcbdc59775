/// One cumulative histogram bucket.
public struct ScrapedBucket: Sendable, Equatable {
    /// The inclusive upper bound, from the `le` label.
    public var upperBound: Double
    /// The number of observations less than or equal to the upper bound.
    public var cumulativeCount: Double

    /// Creates a bucket.
    public init(upperBound: Double, cumulativeCount: Double) {
        self.upperBound = upperBound
        self.cumulativeCount = cumulativeCount
    }
}
