/// A stream that sums a counter's or up-down counter's measurements per series.
@usableFromInline
final class SumStream: TableBackedStream {
    let configuration: StreamConfiguration
    let table: SeriesTable<SumCell>
    private let kind: NumberKind
    private let deltas = DeltaTracker<NumberValue>()

    init(configuration: StreamConfiguration, kind: NumberKind) {
        self.configuration = configuration
        self.kind = kind
        table = SeriesTable(configuration: configuration) { SumCell(startTime: $0) }
    }

    /// The cell for a measurement's attributes.
    @usableFromInline
    func cell(for attributes: Attributes) -> SumCell {
        table.cell(for: attributes)
    }

    func collect(_ context: CollectionContext) -> MetricData? {
        let temporality = context.temporality(for: configuration.kind)
        let entries = table.entries()
        var points: [NumberPoint] = []
        points.reserveCapacity(entries.count)
        switch temporality {
        case .cumulative:
            for (attributes, cell) in entries {
                points.append(NumberPoint(
                    attributes: attributes, startTime: cell.startTime, time: context.time,
                    value: cell.value(kind: kind), exemplars: cell.collectExemplars(recordedAfter: nil)))
            }
        case .delta:
            var totals: [Attributes: NumberValue] = [:]
            for (attributes, cell) in entries { totals[attributes] = cell.value(kind: kind) }
            let previous = deltas.exchange(reader: context.readerID, readings: totals, time: context.time)
            for (attributes, cell) in entries {
                let total = totals[attributes]!
                var change = previous.readings[attributes].map { total.subtracting($0) } ?? total
                // A monotonic total that went down was reset; all of it is new since then.
                if configuration.kind.isMonotonic, change.isNegative { change = total }
                let exemplars = cell.collectExemplars(recordedAfter: previous.time)
                if change.isZero, exemplars.isEmpty { continue }
                points.append(NumberPoint(
                    attributes: attributes, startTime: previous.time ?? cell.startTime, time: context.time,
                    value: change, exemplars: exemplars))
            }
        }
        guard !points.isEmpty else { return nil }
        return .sum(.init(temporality: temporality, isMonotonic: configuration.kind.isMonotonic, points: points))
    }
}
