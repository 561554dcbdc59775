import VernierPrometheus

/// The complete, sorted label set of one series: a point's shared labels with `__name__` and, for a
/// `_bucket` or quantile series, `le` or `quantile` put in their places. A view, so a series costs no label
/// array of its own.
struct SeriesLabelSet: RandomAccessCollection, Sendable {
    /// A label only this series of its point has: a bucket's `le` or a summary's `quantile`.
    struct AddedLabel: Sendable {
        let label: PrometheusLabel
        /// Its position among the shared labels, by name.
        let index: Int
        /// Whether a shared label of the same name is at `index`, which the added label replaces.
        let replacesShared: Bool

        /// `name="value"` placed among `layout`'s names.
        init(name: String, value: String, layout: LabelLayout) {
            label = PrometheusLabel(name: name, value: value)
            (index, replacesShared) = layout.position(of: name)
        }
    }

    /// The labels of the point the series belongs to.
    let shared: SeriesLabels
    /// The value of `__name__`.
    let name: String
    /// The label of a `_bucket` or quantile series.
    let added: AddedLabel?

    var startIndex: Int { 0 }

    var endIndex: Int {
        shared.count + (added.map { $0.replacesShared ? 1 : 2 } ?? 1)
    }

    /// What the label at a position is.
    enum Part {
        /// `__name__`.
        case metricName
        /// `le` of a `_bucket` series or `quantile` of a quantile series.
        case added(PrometheusLabel)
        /// The shared label at this position of `shared`.
        case shared(Int)
    }

    /// What the label at `position` is.
    func part(at position: Int) -> Part {
        let layout = shared.layout
        if position < layout.metricNameIndex { return .shared(position) }
        if position == layout.metricNameIndex { return .metricName }
        let index = position - 1
        guard let added else { return .shared(index) }
        if index < added.index { return .shared(index) }
        if index == added.index { return .added(added.label) }
        return .shared(added.replacesShared ? index : index - 1)
    }

    subscript(position: Int) -> PrometheusLabel {
        switch part(at: position) {
        case .metricName: return PrometheusLabel(name: PrometheusLabel.metricName, value: name)
        case .added(let label): return label
        case .shared(let index): return shared[index]
        }
    }
}
