import Vernier
import VernierPrometheus

/// Builds the shared labels of the points of one scope as remote-write 1.0 requires them: sorted by name,
/// each name once, no empty values (and `__name__` added per series by `SeriesLabels.named`).
///
/// Attribute names that collide after translation have their values joined with `;` in the order of their
/// original keys, and so do attributes and scope labels of the same name, as the Prometheus exposition
/// does; `job`, `instance` and external labels are used only where a point has no such label. The
/// `LabelLayout` of the last point is kept for the next, so a run of points with the same keys costs no
/// sorting, and the points of one call share one array of values (see `PointLabels`).
struct SeriesLabelBuilder {
    private let context: LabelContext
    private let naming: PrometheusNaming
    private var layout: LabelLayout?

    /// A builder for points with the scope labels `scope` and the defaults `defaults`.
    init(scope: [SeriesLabel], defaults: [SeriesLabel], naming: PrometheusNaming) {
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
            if layouts.isEmpty || !layouts[layouts.count - 1].fits(attributes, texts: texts, offset: offset) {
                layouts.append(layout(for: attributes, texts: texts, offset: offset))
            }
            placements.append(PointLabels.Placement(layout: layouts.count - 1, offset: offset))
        }
        return PointLabels(texts: AttributeTexts(texts), layouts: layouts, placements: placements)
    }

    /// The layout of a point with `attributes` whose values, as label text, start at `offset` in `texts`.
    private mutating func layout(for attributes: Attributes, texts: [String], offset: Int) -> LabelLayout {
        if let layout, layout.fits(attributes, texts: texts, offset: offset) { return layout }
        let fresh = LabelLayout(attributes: attributes, values: Array(texts[offset...]), context: context, naming: naming)
        layout = fresh
        return fresh
    }
}
