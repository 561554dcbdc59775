import VernierPrometheus

/// The complete, sorted label set of one series: a point's shared labels with `__name__` and, for a
/// `_bucket` series, `le` put in their places. A view, so a series costs no label array of its own.
struct SeriesLabelSet: RandomAccessCollection, Sendable {
    /// The labels of the point the series belongs to.
    let shared: SeriesLabels
    /// The value of `__name__`.
    let name: String
    /// The value of `le`, for a `_bucket` series.
    let bucketBound: String?

    var startIndex: Int { 0 }

    var endIndex: Int {
        shared.count + (bucketBound != nil && !shared.layout.hasBucketBoundLabel ? 2 : 1)
    }

    /// What the label at a position is.
    enum Part {
        /// `__name__`.
        case metricName
        /// `le` of a `_bucket` series.
        case bucketBound(String)
        /// The shared label at this position of `shared`.
        case shared(Int)
    }

    /// What the label at `position` is.
    func part(at position: Int) -> Part {
        let layout = shared.layout
        if position < layout.metricNameIndex { return .shared(position) }
        if position == layout.metricNameIndex { return .metricName }
        let index = position - 1
        guard let bucketBound else { return .shared(index) }
        if index < layout.bucketBoundIndex { return .shared(index) }
        if index == layout.bucketBoundIndex { return .bucketBound(bucketBound) }
        return .shared(layout.hasBucketBoundLabel ? index : index - 1)
    }

    subscript(position: Int) -> PrometheusLabel {
        switch part(at: position) {
        case .metricName: return PrometheusLabel(name: PrometheusLabel.metricName, value: name)
        case .bucketBound(let bound): return PrometheusLabel(name: PrometheusLabel.bucketBound, value: bound)
        case .shared(let index): return shared[index]
        }
    }
}
