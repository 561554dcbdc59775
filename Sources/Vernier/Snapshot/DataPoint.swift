/// What every kind of point has besides its values: the series' attributes, the time and the flags, so that
/// code that relabels, filters or ends series is written once for all kinds.
package protocol DataPoint: Sendable {
    var attributes: Attributes { get set }
    var time: Timestamp { get set }
    var flags: DataPointFlags { get set }
}

extension NumberPoint: DataPoint {}
extension HistogramPoint: DataPoint {}
extension ExponentialHistogramPoint: DataPoint {}
extension SummaryPoint: DataPoint {}

/// The parts of a point that `MetricData.editingPoints(_:)` lets a caller change.
package struct DataPointHeader {
    package var attributes: Attributes
    package var time: Timestamp
    package var flags: DataPointFlags
}

extension MetricData {
    /// The attributes of every point, in order.
    package var pointAttributes: [Attributes] {
        switch self {
        case .sum(let sum): return sum.points.map(\.attributes)
        case .gauge(let gauge): return gauge.points.map(\.attributes)
        case .histogram(let histogram): return histogram.points.map(\.attributes)
        case .exponentialHistogram(let histogram): return histogram.points.map(\.attributes)
        case .summary(let summary): return summary.points.map(\.attributes)
        }
    }

    /// The same data with each point's attributes, time and flags as `edit` leaves them; a point for which
    /// `edit` returns false is left out. Values and exemplars are kept.
    package func editingPoints(_ edit: (inout DataPointHeader) -> Bool) -> MetricData {
        func edited<Point: DataPoint>(_ points: [Point]) -> [Point] {
            points.compactMap { point in
                var header = DataPointHeader(attributes: point.attributes, time: point.time, flags: point.flags)
                guard edit(&header) else { return nil }
                var changed = point
                changed.attributes = header.attributes
                changed.time = header.time
                changed.flags = header.flags
                return changed
            }
        }
        switch self {
        case .sum(var sum):
            sum.points = edited(sum.points)
            return .sum(sum)
        case .gauge(var gauge):
            gauge.points = edited(gauge.points)
            return .gauge(gauge)
        case .histogram(var histogram):
            histogram.points = edited(histogram.points)
            return .histogram(histogram)
        case .exponentialHistogram(var histogram):
            histogram.points = edited(histogram.points)
            return .exponentialHistogram(histogram)
        case .summary(var summary):
            summary.points = edited(summary.points)
            return .summary(summary)
        }
    }
}
