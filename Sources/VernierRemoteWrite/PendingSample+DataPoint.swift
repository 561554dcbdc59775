import VernierPrometheus

extension PendingSample {
    /// Whether this sample completes a metric data point, which the self-metrics count once: a number or native
    /// histogram sample, or the `_count` of a classic histogram's or a summary's samples. `target_info` is no
    /// data point.
    var completesDataPoint: Bool {
        switch value {
        case .histogram:
            return true
        case .number:
            if family.kind == .histogram || family.kind == .summary { return labels.added == nil && labels.name.hasSuffix("_count") }
            return family.name != PrometheusNaming.targetInfoName
        }
    }
}

extension Collection<PendingSample> {
    /// How many metric data points these samples complete.
    var dataPointCount: Int {
        reduce(0) { $0 + ($1.completesDataPoint ? 1 : 0) }
    }
}
