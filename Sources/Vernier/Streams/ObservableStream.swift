/// A stream fed by an observable instrument's callbacks at collection time.
///
/// Observable counters and up-down counters report totals, which become sums (and deltas by subtraction for
/// delta readers); observable gauges report last values. Attribute filtering and the cardinality limit apply
/// as for synchronous instruments: observations that map to one series add up, or the last wins for gauges.
final class ObservableStream<Value: MeasurementValue>: MetricStream {
    let configuration: StreamConfiguration
    private let callbacks: ObservableCallbacks<Value>
    private let firstSeen = MutexBox<[Attributes: Timestamp]>([:])
    private let deltas = DeltaTracker<Value>()

    init(configuration: StreamConfiguration, callbacks: ObservableCallbacks<Value>) {
        self.configuration = configuration
        self.callbacks = callbacks
    }

    func collect(_ context: CollectionContext) -> MetricData? {
        let values = aggregate(callbacks.observe())
        guard !values.isEmpty else { return nil }
        let starts = firstSeen.withLock { seen in
            for attributes in values.keys where seen[attributes] == nil { seen[attributes] = context.time }
            return seen
        }
        if configuration.kind == .observableGauge {
            return .gauge(.init(points: values.map { attributes, value in
                NumberPoint(attributes: attributes, startTime: starts[attributes]!, time: context.time, value: value.numberValue)
            }))
        }
        let temporality = context.temporality(for: configuration.kind)
        var points: [NumberPoint] = []
        if temporality == .delta {
            let previous = deltas.exchange(reader: context.readerID, readings: values, time: context.time)
            for (attributes, value) in values {
                points.append(NumberPoint(
                    attributes: attributes, startTime: previous.time ?? starts[attributes]!, time: context.time,
                    value: (value - (previous.readings[attributes] ?? .zero)).numberValue))
            }
        } else {
            points = values.map { attributes, value in
                NumberPoint(attributes: attributes, startTime: starts[attributes]!, time: context.time, value: value.numberValue)
            }
        }
        return .sum(.init(temporality: temporality, isMonotonic: configuration.kind.isMonotonic, points: points))
    }

    private func aggregate(_ observations: [(attributes: Attributes, value: Value)]) -> [Attributes: Value] {
        var result: [Attributes: Value] = [:]
        let limit = max(1, configuration.cardinalityLimit)
        for (raw, value) in observations {
            guard value.isFiniteMeasurement else {
                configuration.reporter.recordDrop(.nonFinite, value: "\(value)")
                continue
            }
            var attributes = configuration.keptKeys.map { raw.keeping($0) } ?? raw
            if result[attributes] == nil, result.count >= limit - 1 {
                attributes = SeriesTable<SumCell>.overflowAttributes
                configuration.reporter.recordOverflow()
            }
            if configuration.kind == .observableGauge {
                result[attributes] = value
            } else {
                result[attributes, default: .zero] += value
            }
        }
        return result
    }
}
