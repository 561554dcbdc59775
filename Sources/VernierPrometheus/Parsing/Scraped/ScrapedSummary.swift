/// The value of a summary series.
public struct ScrapedSummary: Sendable, Equatable {
    /// The quantiles in body order.
    public var quantiles: [ScrapedQuantile]
    /// The `_count` sample, if exposed.
    public var count: Double?
    /// The `_sum` sample, if exposed.
    public var sum: Double?

    /// Creates a summary value.
    public init(quantiles: [ScrapedQuantile], count: Double? = nil, sum: Double? = nil) {
        self.quantiles = quantiles
        self.count = count
        self.sum = sum
    }
}
