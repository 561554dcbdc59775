import Vernier

/// A metric left out of an exposition, and why; the scrape itself still succeeds.
public struct ExpositionDrop: Sendable, Hashable, CustomStringConvertible {
    /// Why a metric could not be exposed.
    public enum Reason: Sendable, Hashable {
        /// Exponential histograms have no representation in the text formats (the protobuf format carries them).
        case exponentialHistogram
        /// An exponential histogram point coarser than the coarsest native histogram schema, -4.
        case unsupportedScale(Int32)
        /// Memory for encoding the metric's family ran out.
        case outOfMemory
        /// Delta points cannot be scraped; a scrape needs cumulative values.
        case deltaTemporality
        /// Another metric already uses a name this one translates to, with a different type.
        case conflictingName(existingFamily: String, existingType: PrometheusNaming.FamilyType)
        /// A histogram point whose bucket counts do not match its boundaries.
        case malformedHistogram
    }

    /// The OpenTelemetry name of the dropped metric.
    public let metricName: String
    /// Why it was dropped.
    public let reason: Reason

    /// Creates a drop record.
    public init(metricName: String, reason: Reason) {
        self.metricName = metricName
        self.reason = reason
    }

    /// A sentence a user can act on.
    public var description: String {
        switch reason {
        case .exponentialHistogram:
            return "dropped exponential histogram '\(metricName)': the Prometheus text formats cannot carry it; scrape with native histograms (protobuf), use an explicit-bucket histogram view or OTLP"
        case .unsupportedScale(let scale):
            return "dropped a point of exponential histogram '\(metricName)': its scale \(scale) is coarser than native histograms allow (-4); raise the view's scale"
        case .outOfMemory:
            return "dropped '\(metricName)': memory ran out while encoding it"
        case .deltaTemporality:
            return "dropped '\(metricName)': it has delta temporality, and a scrape needs cumulative points"
        case .conflictingName(let family, let type):
            return "dropped '\(metricName)': its Prometheus name collides with \(type.rawValue) '\(family)'; rename one of them"
        case .malformedHistogram:
            return "dropped a point of histogram '\(metricName)': its bucket counts do not match its boundaries"
        }
    }

    /// Logs the drop, rate-limited per metric.
    func report() {
        Diagnostics.report(.warning, "prometheus exposition: \(self)", key: "prometheus.drop." + metricName)
    }
}
