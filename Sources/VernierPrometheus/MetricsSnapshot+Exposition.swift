import Vernier

extension MetricsSnapshot {
    /// The snapshot as one scrape can show it: one resource, and no points that only mark a series' end.
    ///
    /// A scrape has one target, so the metrics of further resources (those a producer adds, such as a bridge's
    /// targets) join the first resource's, each point labelled with its own resource's `job` and `instance`
    /// as a federating Prometheus would show them; only the first resource becomes `target_info`. Points with
    /// `noRecordedValue` are left out: the series is simply absent from the scrape, which is how Prometheus
    /// notices it ended.
    var exposable: MetricsSnapshot {
        guard resourceMetrics.count > 1 || hasEndMarkers else { return self }
        guard var merged = resourceMetrics.first else { return self }
        for group in resourceMetrics.dropFirst() {
            let identity = Attributes(PrometheusModel.jobAndInstance(of: group.resource).compactMap { label in
                label.value.isEmpty ? nil : Attribute(key: label.name, value: .string(label.value))
            })
            merged.scopes += group.scopes.map { $0.mappingPoints { $0.merging(identity) } }
        }
        merged.scopes = merged.scopes.map { $0.mappingPoints { $0 } }
        return MetricsSnapshot(resourceMetrics: [merged])
    }

    /// Whether any point only marks the end of its series.
    private var hasEndMarkers: Bool {
        scopes.contains { scope in
            scope.metrics.contains { metric in
                switch metric.data {
                case .sum(let sum): return sum.points.contains { $0.flags.contains(.noRecordedValue) }
                case .gauge(let gauge): return gauge.points.contains { $0.flags.contains(.noRecordedValue) }
                case .histogram(let histogram): return histogram.points.contains { $0.flags.contains(.noRecordedValue) }
                case .exponentialHistogram(let histogram): return histogram.points.contains { $0.flags.contains(.noRecordedValue) }
                case .summary(let summary): return summary.points.contains { $0.flags.contains(.noRecordedValue) }
                }
            }
        }
    }
}

extension ScopeMetrics {
    /// The scope with each point's attributes changed by `transform`, and without points that only mark the
    /// end of their series.
    fileprivate func mappingPoints(_ transform: (Attributes) -> Attributes) -> ScopeMetrics {
        func map<Point>(_ points: [Point], _ flags: KeyPath<Point, DataPointFlags>, _ attributes: WritableKeyPath<Point, Attributes>) -> [Point] {
            points.compactMap { point in
                guard !point[keyPath: flags].contains(.noRecordedValue) else { return nil }
                var mapped = point
                mapped[keyPath: attributes] = transform(point[keyPath: attributes])
                return mapped
            }
        }
        var copy = self
        for index in copy.metrics.indices {
            switch copy.metrics[index].data {
            case .sum(var sum):
                sum.points = map(sum.points, \.flags, \.attributes)
                copy.metrics[index].data = .sum(sum)
            case .gauge(var gauge):
                gauge.points = map(gauge.points, \.flags, \.attributes)
                copy.metrics[index].data = .gauge(gauge)
            case .histogram(var histogram):
                histogram.points = map(histogram.points, \.flags, \.attributes)
                copy.metrics[index].data = .histogram(histogram)
            case .exponentialHistogram(var histogram):
                histogram.points = map(histogram.points, \.flags, \.attributes)
                copy.metrics[index].data = .exponentialHistogram(histogram)
            case .summary(var summary):
                summary.points = map(summary.points, \.flags, \.attributes)
                copy.metrics[index].data = .summary(summary)
            }
        }
        return copy
    }
}
