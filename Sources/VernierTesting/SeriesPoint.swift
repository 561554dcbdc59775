import Vernier

/// A point of any kind with its exemplars, so one lookup serves all kinds.
protocol SeriesPoint: DataPoint {
    var exemplars: [Exemplar] { get }
}

extension SummaryPoint: SeriesPoint {
    /// Summaries carry no exemplars.
    var exemplars: [Exemplar] { [] }
}

extension NumberPoint: SeriesPoint {}
extension HistogramPoint: SeriesPoint {}
extension ExponentialHistogramPoint: SeriesPoint {}

extension MetricData {
    /// The points, whatever their kind.
    var series: [any SeriesPoint] {
        switch self {
        case .sum(let sum): return sum.points
        case .gauge(let gauge): return gauge.points
        case .histogram(let histogram): return histogram.points
        case .exponentialHistogram(let histogram): return histogram.points
        case .summary(let summary): return summary.points
        }
    }

    /// Changes the points' attributes with `transform`; a point it gives nil for is left out.
    mutating func mapSeries(_ transform: (Attributes) -> Attributes?) {
        self = editingPoints { point in
            guard let attributes = transform(point.attributes) else { return false }
            point.attributes = attributes
            return true
        }
    }
}
