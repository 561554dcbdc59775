/// One precomputed quantile of a summary.
public struct ScrapedQuantile: Sendable, Equatable {
    /// The quantile, from the `quantile` label.
    public var quantile: Double
    /// The observed value at that quantile.
    public var value: Double

    /// Creates a quantile.
    public init(quantile: Double, value: Double) {
        self.quantile = quantile
        self.value = value
    }
}
