import Vernier

/// What kind of instrument a metric in a snapshot comes from, as far as its points tell, so a lookup can say
/// what it expected and what it found.
public enum MetricKind: String, Sendable, Hashable, CustomStringConvertible {
    /// A monotonic sum: a counter or an observable counter.
    case counter
    /// A non-monotonic sum: an up-down counter or an observable one.
    case upDownCounter = "up-down counter"
    /// The last value of each series: a gauge or an observable gauge.
    case gauge
    /// An explicit-bucket histogram.
    case histogram
    /// A base-2 exponential histogram.
    case exponentialHistogram = "exponential histogram"
    /// Quantiles with a count and sum, from a producer such as a Prometheus bridge.
    case summary

    /// The kind of the metric whose points are `data`.
    public init(_ data: MetricData) {
        switch data {
        case .sum(let sum): self = sum.isMonotonic ? .counter : .upDownCounter
        case .gauge: self = .gauge
        case .histogram: self = .histogram
        case .exponentialHistogram: self = .exponentialHistogram
        case .summary: self = .summary
        }
    }

    /// The kind's name as a failure message shows it, such as `up-down counter`.
    public var description: String { rawValue }
}
