import VernierConcurrency

/// A stream fed by an observable instrument's callbacks at collection time.
///
/// Observable counters and up-down counters report totals, which become sums (and deltas by subtraction for
/// delta readers); observable gauges report last values. Attribute filtering and the cardinality limit apply
/// as for synchronous instruments: observations that map to one series add up, or the last wins for gauges.
/// Values arrive as raw numbers of `kind`, so none of this is generic.
final class ObservableStream: MetricStream {
    let configuration: StreamConfiguration
    private let source: any ObservationSource
    private let kind: NumberKind
    private let firstSeen = MutexBox<[Attributes: Timestamp]>([:])
    private let deltas = DeltaTracker<NumberValue>()

    init(configuration: StreamConfiguration, source: any ObservationSource, kind: NumberKind) {
        self.configuration = configuration
        self.source = source
        self.kind = kind
    }

    var observationSource: (any ObservationSource)? { source }

    func collect(_ context: CollectionContext) -> MetricData? {
        guard let observations = context.observations[ObjectIdentifier(source)] else { return nil }
        let values = aggregate(observations)
        guard !values.isEmpty else { return nil }
        let starts = firstSeen.withLock { seen in
            for attributes in values.keys where seen[attributes] == nil { seen[attributes] = context.time }
            return seen
        }
        if configuration.kind == .observableGauge {
            return .gauge(.init(points: values.map { attributes, value in
                NumberPoint(attributes: attributes, startTime: starts[attributes]!, time: context.time, value: value)
            }))
        }
        let temporality = context.temporality(for: configuration.kind)
        var points: [NumberPoint] = []
        points.reserveCapacity(values.count)
        if temporality == .delta {
            let previous = deltas.exchange(reader: context.readerID, readings: values, time: context.time)
            for (attributes, value) in values {
                points.append(NumberPoint(
                    attributes: attributes, startTime: previous.time ?? starts[attributes]!, time: context.time,
                    value: previous.readings[attributes].map { value.subtracting($0) } ?? value))
            }
        } else {
            for (attributes, value) in values {
                points.append(NumberPoint(attributes: attributes, startTime: starts[attributes]!, time: context.time, value: value))
            }
        }
        return .sum(.init(temporality: temporality, isMonotonic: configuration.kind.isMonotonic, points: points))
    }

    private func aggregate(_ observations: Observations) -> [Attributes: NumberValue] {
        for text in observations.rejected { configuration.reporter.recordDrop(.nonFinite, value: text) }
        var totals: [Attributes: UInt64] = [:]
        let limit = max(1, configuration.cardinalityLimit)
        for (raw, bits) in observations.values {
            var attributes = configuration.keptKeys.map { raw.keeping($0) } ?? raw
            if totals[attributes] == nil, totals.count >= limit - 1 {
                attributes = SeriesTable<SumCell>.overflowAttributes
                configuration.reporter.recordOverflow()
            }
            if configuration.kind == .observableGauge {
                totals[attributes] = bits
            } else {
                totals[attributes] = totals[attributes].map { kind.accumulate($0, bits) } ?? bits
            }
        }
        return totals.mapValues(kind.number)
    }
}
