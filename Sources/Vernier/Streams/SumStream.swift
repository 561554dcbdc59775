/// A stream that sums a counter's or up-down counter's measurements per series.
final class SumStream<Value: MeasurementValue>: MetricStream {
    let configuration: StreamConfiguration
    let table: SeriesTable<SumCell>
    private let deltas = DeltaTracker<Value>()

    init(configuration: StreamConfiguration) {
        self.configuration = configuration
        table = SeriesTable(configuration: configuration) { SumCell(startTime: $0) }
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
                    value: cell.value(as: Value.self).numberValue, exemplars: cell.collectExemplars(recordedAfter: nil)))
            }
        case .delta:
            var totals: [Attributes: Value] = [:]
            for (attributes, cell) in entries { totals[attributes] = cell.value(as: Value.self) }
            let previous = deltas.exchange(reader: context.readerID, readings: totals, time: context.time)
            for (attributes, cell) in entries {
                let change = totals[attributes]! - (previous.readings[attributes] ?? .zero)
                let exemplars = cell.collectExemplars(recordedAfter: previous.time)
                if change == .zero, exemplars.isEmpty { continue }
                points.append(NumberPoint(
                    attributes: attributes, startTime: previous.time ?? cell.startTime, time: context.time,
                    value: change.numberValue, exemplars: exemplars))
            }
        }
        guard !points.isEmpty else { return nil }
        return .sum(.init(temporality: temporality, isMonotonic: configuration.kind.isMonotonic, points: points))
    }
}
