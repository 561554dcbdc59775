import VernierPrometheus

/// The labels the series of one point share (attributes, scope labels, `job`, `instance`, external labels),
/// sorted by name, each name once, no empty values, without `__name__`; made by `SeriesLabelBuilder`.
///
/// The names and the fixed values live in the `LabelLayout` that every point with the same attribute keys
/// shares, the attribute values in one `AttributeTexts` per metric (see `PointLabels`); a point holds only
/// references to them, so it costs no allocation. `named(_:adding:)` turns the labels into the full label set of one series
/// without copying them, so the `_bucket`, `_sum` and `_count` series of a histogram point share them.
struct SeriesLabels: Sendable {
    /// The names, and where the values come from.
    let layout: LabelLayout
    /// The attribute values of the point's metric.
    let texts: AttributeTexts
    /// Where the point's attribute values start in `texts`.
    let offset: Int

    /// The number of shared labels.
    var count: Int { layout.names.count }

    /// The value of the shared label at `position`.
    func value(at position: Int) -> String {
        let values = texts.values
        let offset = offset
        return layout.value(at: position) { values[offset + $0] }
    }

    /// The shared label at `position`.
    subscript(position: Int) -> PrometheusLabel {
        PrometheusLabel(name: layout.names[position], value: value(at: position))
    }

    /// The full label set of the series `name`; `added` is the `le` of a `_bucket` series or the `quantile`
    /// of a summary's quantile series, and replaces an attribute of that name.
    func named(_ name: String, adding added: (name: String, value: String)? = nil) -> SeriesLabelSet {
        SeriesLabelSet(shared: self, name: name, added: added.map { SeriesLabelSet.AddedLabel(name: $0.name, value: $0.value, layout: layout) })
    }
}
