/// An OpenMetrics exemplar: a reference, such as a trace ID, attached to a counter total or histogram bucket.
public struct ScrapedExemplar: Sendable, Equatable {
    /// The exemplar's labels in body order.
    public var labels: [ScrapedLabel]
    /// The exemplar's observed value.
    public var value: Double
    /// The exemplar's timestamp in seconds since the Unix epoch, if given.
    public var timestampSeconds: Double?

    /// Creates an exemplar.
    public init(labels: [ScrapedLabel], value: Double, timestampSeconds: Double? = nil) {
        self.labels = labels
        self.value = value
        self.timestampSeconds = timestampSeconds
    }
}
