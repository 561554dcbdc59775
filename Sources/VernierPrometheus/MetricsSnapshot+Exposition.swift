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
        guard let first = resourceMetrics.first else { return self }
        var merged = ResourceMetrics(resource: first.resource, scopes: first.scopes.map { $0.withoutEndMarkers { $0 } })
        for group in resourceMetrics.dropFirst() {
            let identity = Attributes(PrometheusModel.jobAndInstance(of: group.resource).compactMap { label in
                label.value.isEmpty ? nil : Attribute(key: label.name, value: .string(label.value))
            })
            merged.scopes += group.scopes.map { $0.withoutEndMarkers { $0.merging(identity) } }
        }
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
    /// The scope without points that only mark the end of their series, each other point's attributes
    /// changed by `relabel`.
    fileprivate func withoutEndMarkers(relabeling relabel: (Attributes) -> Attributes) -> ScopeMetrics {
        var copy = self
        for index in copy.metrics.indices {
            copy.metrics[index].data = copy.metrics[index].data.editingPoints { point in
                guard !point.flags.contains(.noRecordedValue) else { return false }
                point.attributes = relabel(point.attributes)
                return true
            }
        }
        return copy
    }
}
