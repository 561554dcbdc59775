import VernierPrometheus

/// The shared labels of the points of one metric, as `SeriesLabelBuilder` makes them: one array of
/// attribute values, the few layouts the points use, and for each point which layout and where its values
/// start. Plain numbers per point, so building them counts no references; a `SeriesLabels` is made when a
/// sample takes one.
struct PointLabels: RandomAccessCollection {
    /// Which of `layouts` a point uses and where its values start in `texts`.
    struct Placement {
        let layout: Int
        let offset: Int
    }

    let texts: AttributeTexts
    let layouts: [LabelLayout]
    let placements: [Placement]

    var startIndex: Int { placements.startIndex }
    var endIndex: Int { placements.endIndex }

    /// The shared labels of the point at `index`.
    subscript(index: Int) -> SeriesLabels {
        let placement = placements[index]
        return SeriesLabels(layout: layouts[placement.layout], texts: texts, offset: placement.offset)
    }
}
