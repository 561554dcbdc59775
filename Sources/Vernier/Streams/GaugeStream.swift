/// A stream that keeps the last value set on each series of a synchronous gauge.
final class GaugeStream: TableBackedStream {
    let configuration: StreamConfiguration
    let table: SeriesTable<LastValueCell>
    private let kind: NumberKind

    init(configuration: StreamConfiguration, kind: NumberKind) {
        self.configuration = configuration
        self.kind = kind
        table = SeriesTable(configuration: configuration) { LastValueCell(startTime: $0) }
    }

    func collect(_ context: CollectionContext) -> MetricData? {
        let points = table.listing().entries.map { attributes, cell in
            NumberPoint(
                attributes: attributes, startTime: cell.startTime, time: context.time,
                value: cell.value(kind: kind), exemplars: cell.collectExemplars(recordedAfter: nil))
        }
        return points.isEmpty ? nil : .gauge(.init(points: points))
    }
}
