/// A series' identifying labels in canonical order, so the same labels written in another order name the same series.
struct SeriesKey: Hashable {
    /// The labels sorted by name; names are unique within a series.
    private let labels: [ScrapedLabel]
    /// The hash of `labels`, computed once so that growing a dictionary does not rehash every label.
    private let labelsHash: Int

    init(labels: [ScrapedLabel]) {
        let isSorted = zip(labels, labels.dropFirst()).allSatisfy { $0.name < $1.name }
        let canonical = isSorted ? labels : labels.sorted { $0.name < $1.name }
        var hasher = Hasher()
        hasher.combine(canonical)
        self.labels = canonical
        self.labelsHash = hasher.finalize()
    }

    static func == (lhs: SeriesKey, rhs: SeriesKey) -> Bool {
        lhs.labelsHash == rhs.labelsHash && lhs.labels == rhs.labels
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(labelsHash)
    }
}
