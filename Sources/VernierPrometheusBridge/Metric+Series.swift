import Vernier

extension Metric {
    /// The metric with `extra` added to every point's attributes; the point's own win.
    func addingAttributes(_ extra: Attributes) -> Metric {
        guard !extra.isEmpty else { return self }
        var copy = self
        copy.data = data.transformed(by: AddingAttributes(extra: extra))
        return copy
    }

    /// The points of series for which `isEnded` holds, flagged `noRecordedValue` at `time`; nil when none are.
    func endingSeries(at time: Timestamp, where isEnded: @escaping (Attributes) -> Bool) -> Metric? {
        var copy = self
        copy.data = data.transformed(by: EndMarking(time: time, isEnded: isEnded))
        return copy.data.pointCount > 0 ? copy : nil
    }
}

/// What every kind of point has, so one transform changes points of any kind.
protocol BridgedPoint {
    var attributes: Attributes { get set }
    var time: Timestamp { get set }
    var flags: DataPointFlags { get set }
}

extension NumberPoint: BridgedPoint {}
extension HistogramPoint: BridgedPoint {}
extension ExponentialHistogramPoint: BridgedPoint {}
extension SummaryPoint: BridgedPoint {}

/// A change to the points of a metric, whatever their kind.
protocol PointTransform {
    func apply<Point: BridgedPoint>(_ points: [Point]) -> [Point]
}

/// Adds attributes to every point; the point's own win.
private struct AddingAttributes: PointTransform {
    let extra: Attributes

    func apply<Point: BridgedPoint>(_ points: [Point]) -> [Point] {
        points.map { point in
            var changed = point
            changed.attributes = extra.merging(point.attributes)
            return changed
        }
    }
}

/// Keeps the points of ended series, flagged `noRecordedValue` at the time the end was seen.
private struct EndMarking: PointTransform {
    let time: Timestamp
    let isEnded: (Attributes) -> Bool

    func apply<Point: BridgedPoint>(_ points: [Point]) -> [Point] {
        points.compactMap { point in
            guard isEnded(point.attributes) else { return nil }
            var marker = point
            marker.time = time
            marker.flags = .noRecordedValue
            return marker
        }
    }
}

extension MetricData {
    /// The attributes of every point.
    var pointAttributes: [Attributes] {
        switch self {
        case .sum(let sum): return sum.points.map(\.attributes)
        case .gauge(let gauge): return gauge.points.map(\.attributes)
        case .histogram(let histogram): return histogram.points.map(\.attributes)
        case .exponentialHistogram(let histogram): return histogram.points.map(\.attributes)
        case .summary(let summary): return summary.points.map(\.attributes)
        }
    }

    /// The same data with its points changed by `transform`.
    func transformed(by transform: some PointTransform) -> MetricData {
        switch self {
        case .sum(var sum):
            sum.points = transform.apply(sum.points)
            return .sum(sum)
        case .gauge(var gauge):
            gauge.points = transform.apply(gauge.points)
            return .gauge(gauge)
        case .histogram(var histogram):
            histogram.points = transform.apply(histogram.points)
            return .histogram(histogram)
        case .exponentialHistogram(var histogram):
            histogram.points = transform.apply(histogram.points)
            return .exponentialHistogram(histogram)
        case .summary(var summary):
            summary.points = transform.apply(summary.points)
            return .summary(summary)
        }
    }
}
