import Vernier

/// Points of a metric that Prometheus cannot be given, and why: the scrape formats and remote write leave them
/// out for the same reasons, and carry on with everything else.
public struct PrometheusDrop: Sendable, Hashable, CustomStringConvertible {
    /// Why points cannot be given to Prometheus. The raw value names the reason in self-metrics and logs.
    public enum Reason: String, Sendable, Hashable, CaseIterable {
        /// Exponential histograms where native histograms cannot go: the text formats, or a push with native
        /// histograms turned off. The protobuf format and remote write carry them as native histograms.
        case exponentialHistogram = "exponential_histogram"
        /// An exponential histogram point coarser than the coarsest native histogram schema, -4.
        case unsupportedScale = "unsupported_scale"
        /// Delta points: Prometheus needs cumulative counters and histograms.
        case deltaTemporality = "delta_temporality"
        /// Another metric already uses a name this one translates to, with a different type.
        case nameConflict = "name_conflict"
        /// A histogram point whose bucket counts do not match its boundaries.
        case malformedHistogram = "malformed_histogram"
        /// Memory for encoding the metric's family ran out.
        case outOfMemory = "out_of_memory"
    }

    /// The OpenTelemetry name of the metric.
    public let metricName: String
    /// Why its points were left out.
    public let reason: Reason
    /// How many of its points were left out.
    public let pointCount: Int
    /// What the reason concerns, when its name is not enough: the family holding the name for
    /// `nameConflict` (such as `counter 'shop_orders'`), the scale for `unsupportedScale`.
    public let detail: String?

    /// Creates a drop record.
    public init(metricName: String, reason: Reason, pointCount: Int, detail: String? = nil) {
        self.metricName = metricName
        self.reason = reason
        self.pointCount = pointCount
        self.detail = detail
    }

    /// A sentence a user can act on.
    public var description: String {
        let points = pointCount == 1 ? "1 point" : "\(pointCount) points"
        let subject = "dropped \(points) of '\(metricName)'"
        switch reason {
        case .exponentialHistogram:
            return "\(subject): exponential histograms go only where native histograms do: scrape with native histograms (protobuf), push with native histograms on, or use an explicit-bucket histogram view"
        case .unsupportedScale:
            return "\(subject): its scale \(detail ?? "") is coarser than native histograms allow (-4); raise the view's scale"
        case .deltaTemporality:
            return "\(subject): it has delta temporality, and Prometheus needs cumulative points"
        case .nameConflict:
            return "\(subject): its Prometheus name collides with \(detail ?? "another family"); rename one of them"
        case .malformedHistogram:
            return "\(subject): its bucket counts do not match its boundaries"
        case .outOfMemory:
            return "\(subject): memory ran out while encoding it"
        }
    }

    /// Logs the drop, rate-limited per metric and `source` (the writer that left the points out).
    package func report(from source: String) {
        Diagnostics.report(.warning, "\(source): \(self)", key: source + ".drop." + metricName)
    }
}
