import Vernier

extension MetricsSnapshot {
    /// A copy whose points lack the attribute `keys`, for series that carry attributes a test cannot know in
    /// advance.
    ///
    /// Series that differ only in those keys are not merged: they keep one point each, with equal attributes, and a
    /// lookup reads the first. Remove only keys that tell one source apart from another, not series of one source.
    public func removingAttributes(_ keys: Set<String>) -> MetricsSnapshot {
        mappingSeries { $0.removing(keys) }
    }

    /// The self-metrics of the Vernier components whose `otel.component.type` is `componentType`, such as
    /// `batching_span_processor`, without their `otel.component.type` and `otel.component.name`, so a test reads
    /// them by their other attributes: the name counts the components of the process and is not known in advance.
    ///
    /// Series of other components, and series without a component, are left out.
    public func selfMetrics(of componentType: String) -> MetricsSnapshot {
        mappingSeries { attributes in
            guard attributes["otel.component.type"] == .string(componentType) else { return nil }
            return attributes.removing(["otel.component.type", "otel.component.name"])
        }
    }

    private func mappingSeries(_ transform: (Attributes) -> Attributes?) -> MetricsSnapshot {
        var copy = self
        for group in copy.resourceMetrics.indices {
            for scope in copy.resourceMetrics[group].scopes.indices {
                for metric in copy.resourceMetrics[group].scopes[scope].metrics.indices {
                    copy.resourceMetrics[group].scopes[scope].metrics[metric].data.mapSeries(transform)
                }
            }
        }
        return copy
    }
}
