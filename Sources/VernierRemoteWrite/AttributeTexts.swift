/// The attribute values of the points of one metric as label text, in point order and each point's
/// attribute order, in one array that the points' `SeriesLabels` share instead of an array each.
final class AttributeTexts: Sendable {
    /// The values.
    let values: [String]

    /// Wraps `values`.
    init(_ values: [String]) {
        self.values = values
    }
}
