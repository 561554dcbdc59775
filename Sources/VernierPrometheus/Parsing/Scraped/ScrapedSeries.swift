/// One series of a scraped family: its identifying labels and the value assembled from all of its samples.
public struct ScrapedSeries: Sendable, Equatable {
    /// The identifying labels in body order, without `le` and `quantile`, which are part of the value.
    public var labels: [ScrapedLabel]
    /// The value: a number, or a histogram or summary assembled from several samples.
    public var value: ScrapedValue
    /// The first timestamp given on any sample of the series, in milliseconds since the Unix epoch.
    /// Text 0.0.4 gives integer milliseconds; OpenMetrics gives seconds, rounded here to milliseconds.
    public var timestampMilliseconds: Int64?
    /// The value of the series' `_created` sample (counters, histograms, summaries), in seconds since the Unix epoch.
    public var createdSeconds: Double?
    /// OpenMetrics exemplars: of a counter's `_total` sample, or of a histogram's buckets in bucket order.
    public var exemplars: [ScrapedExemplar]

    /// Creates a series from its parts.
    public init(
        labels: [ScrapedLabel],
        value: ScrapedValue,
        timestampMilliseconds: Int64? = nil,
        createdSeconds: Double? = nil,
        exemplars: [ScrapedExemplar] = []
    ) {
        self.labels = labels
        self.value = value
        self.timestampMilliseconds = timestampMilliseconds
        self.createdSeconds = createdSeconds
        self.exemplars = exemplars
    }
}
