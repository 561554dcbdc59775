import Vernier

/// Reads a snapshot by metric name and attributes, as a test asserts on it.
///
/// Each lookup throws a ``MetricLookupError`` that names what the snapshot held instead when the metric or the
/// series is missing or of another kind, so `try` in a Swift Testing `@Test` or an XCTest method fails with a
/// message that says what to fix. Attributes match exactly: a series recorded with more attributes is another one.
extension MetricsSnapshot {
    /// The first metric named `name`, of any kind.
    public func metric(named name: String) throws -> Metric {
        guard let metric = metrics.first(where: { $0.name == name }) else {
            let present = metrics.map { MetricLookupError.PresentMetric(name: $0.name, kind: MetricKind($0.data)) }
            throw MetricLookupError.metricNotFound(name: name, present: present)
        }
        return metric
    }

    /// The attribute sets of the series of the metric named `name`, in the snapshot's order.
    public func series(_ name: String) throws -> [Attributes] {
        try metric(named: name).data.series.map(\.attributes)
    }

    /// The value of the counter (or observable counter) `name` for the series with exactly `attributes`.
    public func counterValue(_ name: String, attributes: Attributes = .empty) throws -> Double {
        try point(name, of: .counter, attributes: attributes, as: NumberPoint.self).value.doubleValue
    }

    /// The sum of the counter `name` over its series whose attributes satisfy `isIncluded`, all by default, such
    /// as the spans dropped whatever their `error.type`.
    public func counterTotal(_ name: String, where isIncluded: (Attributes) -> Bool = { _ in true }) throws -> Double {
        let metric = try self.metric(named: name)
        let found = MetricKind(metric.data)
        guard found == .counter, case .sum(let sum) = metric.data else {
            throw MetricLookupError.wrongKind(name: name, expected: .counter, found: found)
        }
        return sum.points.filter { isIncluded($0.attributes) }.reduce(0) { $0 + $1.value.doubleValue }
    }

    /// The value of the up-down counter (or observable one) `name` for the series with exactly `attributes`.
    public func upDownCounterValue(_ name: String, attributes: Attributes = .empty) throws -> Double {
        try point(name, of: .upDownCounter, attributes: attributes, as: NumberPoint.self).value.doubleValue
    }

    /// The last value of the gauge (or observable gauge) `name` for the series with exactly `attributes`.
    public func gaugeValue(_ name: String, attributes: Attributes = .empty) throws -> Double {
        try point(name, of: .gauge, attributes: attributes, as: NumberPoint.self).value.doubleValue
    }

    /// The point of the explicit-bucket histogram `name` for the series with exactly `attributes`: its `count`,
    /// `sum`, `boundaries` and `bucketCounts`.
    public func histogram(_ name: String, attributes: Attributes = .empty) throws -> HistogramPoint {
        try point(name, of: .histogram, attributes: attributes, as: HistogramPoint.self)
    }

    /// The point of the exponential histogram `name` for the series with exactly `attributes`: its `count`,
    /// `sum`, `scale` and buckets.
    public func exponentialHistogram(_ name: String, attributes: Attributes = .empty) throws -> ExponentialHistogramPoint {
        try point(name, of: .exponentialHistogram, attributes: attributes, as: ExponentialHistogramPoint.self)
    }

    /// The exemplars of the series of `name`, of any kind, with exactly `attributes`: each one's value, trace id
    /// and span id.
    public func exemplars(_ name: String, attributes: Attributes = .empty) throws -> [Exemplar] {
        try series(of: metric(named: name), attributes: attributes).exemplars
    }

    private func point<Point: SeriesPoint>(
        _ name: String, of kind: MetricKind, attributes: Attributes, as type: Point.Type
    ) throws -> Point {
        let metric = try self.metric(named: name)
        let found = MetricKind(metric.data)
        guard found == kind, let point = try series(of: metric, attributes: attributes) as? Point else {
            throw MetricLookupError.wrongKind(name: name, expected: kind, found: found)
        }
        return point
    }

    private func series(of metric: Metric, attributes: Attributes) throws -> any SeriesPoint {
        let points = metric.data.series
        guard let point = points.first(where: { $0.attributes == attributes }) else {
            throw MetricLookupError.seriesNotFound(
                name: metric.name, kind: MetricKind(metric.data), attributes: attributes, present: points.map(\.attributes))
        }
        return point
    }
}
