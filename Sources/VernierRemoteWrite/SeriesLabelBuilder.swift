import Vernier
import VernierPrometheus

/// Builds the shared labels of the points of one scope as remote-write 1.0 requires them: sorted by name,
/// each name once, no empty values (and `__name__` added per series by `SeriesLabels.named`).
///
/// Labels are laid out by the model's `LabelLayout`, exactly as the Prometheus exposition lays them out, in
/// a `LabelContext` that adds `job`, `instance` and external labels where a point has no such label. The
/// layout of the last point is kept for the next, so a run of points with the same keys costs no sorting,
/// and the points of one call share one array of values (see `PointLabels`).
struct SeriesLabelBuilder {
    private let context: LabelContext
    private let naming: PrometheusNaming
    private var layout: LabelLayout?

    /// A builder for points with the scope labels `scope` and the defaults `defaults`.
    init(scope: [PrometheusLabel], defaults: [PrometheusLabel], naming: PrometheusNaming) {
        context = LabelContext(scope: scope, defaults: defaults)
        self.naming = naming
    }

    /// The shared labels of points with these attribute sets, in the same order.
    mutating func labels(of attributeSets: some Collection<Attributes>) -> PointLabels {
        var texts: [String] = []
        texts.reserveCapacity(attributeSets.count * (attributeSets.first?.count ?? 0))
        var layouts: [LabelLayout] = []
        var placements: [PointLabels.Placement] = []
        placements.reserveCapacity(attributeSets.count)
        for attributes in attributeSets {
            let offset = texts.count
            for attribute in attributes.elements {
                texts.append(attribute.value.description)
            }
            if layouts.isEmpty || !layouts[layouts.count - 1].fits(attributes) {
                layouts.append(layout(for: attributes))
            }
            placements.append(PointLabels.Placement(layout: layouts.count - 1, offset: offset))
        }
        return PointLabels(texts: AttributeTexts(texts), layouts: layouts, placements: placements)
    }

    /// The layout of a point with `attributes`.
    private mutating func layout(for attributes: Attributes) -> LabelLayout {
        if let layout, layout.fits(attributes) { return layout }
        let fresh = LabelLayout(attributes: attributes, context: context, naming: naming)
        layout = fresh
        return fresh
    }
}
