/// The `le="..."` labels of one list of histogram bucket boundaries, `+Inf` last, rendered once and written
/// by position: the series of a histogram almost always share their boundaries, so each bound is formatted
/// once per exposition rather than once per bucket line.
///
/// Each label is rendered as it ends a bucket line's labels, `,le="0.5"}`; a series without other labels
/// leaves out the comma.
final class BucketBoundLabels {
    /// The boundaries the labels were rendered for.
    private var boundaries: [Double] = []
    /// Every label, one after the other.
    private var bytes: [UInt8] = []
    /// Where each bucket's label is in `bytes`.
    private var ranges: [Range<Int>] = []

    init() {
        render(for: [])
    }

    /// Calls `body` with the labels of `boundaries`: the rendered bytes, and where each bucket's label is in them.
    func withLabels<Result>(for boundaries: [Double], _ body: (UnsafeBufferPointer<UInt8>, [Range<Int>]) -> Result) -> Result {
        if boundaries != self.boundaries { render(for: boundaries) }
        return bytes.withUnsafeBufferPointer { body($0, ranges) }
    }

    private func render(for boundaries: [Double]) {
        self.boundaries = boundaries
        let text = ExpositionBuffer(capacity: 16 * (boundaries.count + 1))
        ranges = (boundaries + [.infinity]).map { boundary in
            let start = text.count
            text.append(",le=\"")
            text.append(double: boundary)
            text.append("\"}")
            return start..<text.count
        }
        bytes = text.bytes
    }
}
