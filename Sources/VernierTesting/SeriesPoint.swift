import Vernier

/// The part every kind of point shares: the series' attributes and its exemplars, so one lookup serves all kinds.
protocol SeriesPoint {
    var attributes: Attributes { get set }
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
        switch self {
        case .sum(var sum):
            sum.points = Self.mapping(sum.points, transform)
            self = .sum(sum)
        case .gauge(var gauge):
            gauge.points = Self.mapping(gauge.points, transform)
            self = .gauge(gauge)
        case .histogram(var histogram):
            histogram.points = Self.mapping(histogram.points, transform)
            self = .histogram(histogram)
        case .exponentialHistogram(var histogram):
            histogram.points = Self.mapping(histogram.points, transform)
            self = .exponentialHistogram(histogram)
        case .summary(var summary):
            summary.points = Self.mapping(summary.points, transform)
            self = .summary(summary)
        }
    }

    private static func mapping<Point: SeriesPoint>(_ points: [Point], _ transform: (Attributes) -> Attributes?) -> [Point] {
        points.compactMap { point in
            guard let attributes = transform(point.attributes) else { return nil }
            var mapped = point
            mapped.attributes = attributes
            return mapped
        }
    }
}
