/// A stream that keeps the last value set on each series of a synchronous gauge.
final class GaugeStream<Value: MeasurementValue>: MetricStream {
    let configuration: StreamConfiguration
    let table: SeriesTable<LastValueCell>

    init(configuration: StreamConfiguration) {
        self.configuration = configuration
        table = SeriesTable(configuration: configuration) { LastValueCell(startTime: $0) }
    }

    func collect(_ context: CollectionContext) -> MetricData? {
        let points = table.entries().map { attributes, cell in
            NumberPoint(
                attributes: attributes, startTime: cell.startTime, time: context.time,
                value: cell.value(as: Value.self).numberValue, exemplars: cell.collectExemplars(recordedAfter: nil))
        }
        return points.isEmpty ? nil : .gauge(.init(points: points))
    }
}
