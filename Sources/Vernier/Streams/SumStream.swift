/// A stream that sums a counter's or up-down counter's measurements per series.
@usableFromInline
final class SumStream: TableBackedStream {
    let configuration: StreamConfiguration
    let table: SeriesTable<SumCell>
    private let kind: NumberKind
    private let deltas = DeltaTracker<NumberValue>()
    private let recycled = RecycledPoints()

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
        let listing = table.listing()
        let points: [NumberPoint]
        switch temporality {
        case .cumulative:
            let kind = kind
            points = recycled.points(for: context.readerID, of: listing, at: context.time) { point, cell in
                point.startTime = cell.startTime
                point.time = context.time
                point.value = cell.value(kind: kind)
                let exemplars = cell.collectExemplars(recordedAfter: nil)
                // Writing an empty list over an empty one would still release one and retain the other.
                if !exemplars.isEmpty || !point.exemplars.isEmpty { point.exemplars = exemplars }
            }
        case .delta:
            points = deltaPoints(listing.entries, context: context)
        }
        if table.removesIdleSeries {
            table.removeIdle(listing.entries.map { entry in
                switch entry.cell.value(kind: kind) {
                case .int(let value): (entry.attributes, UInt64(bitPattern: value))
                case .double(let value): (entry.attributes, value.bitPattern)
                }
            })
        }
        guard !points.isEmpty else { return nil }
        return .sum(.init(temporality: temporality, isMonotonic: configuration.kind.isMonotonic, points: points))
    }

    /// The change of each series since this reader's previous collection; unchanged series without exemplars
    /// are left out.
    private func deltaPoints(_ entries: [(attributes: Attributes, cell: SumCell)], context: CollectionContext) -> [NumberPoint] {
        var points: [NumberPoint] = []
        points.reserveCapacity(entries.count)
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
        return points
    }
}
