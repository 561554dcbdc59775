/// A distribution of measurements: request durations, payload sizes. Non-finite values are dropped and counted.
///
/// Each series keeps bucket counts, sum, count, min and max, and exemplars linking buckets to traces.
public struct Histogram<Value: MeasurementValue>: Sendable {
    @usableFromInline let instrument: HistogramInstrument<Value>
    /// The instrument's identity.
    public let descriptor: InstrumentDescriptor

    init(instrument: HistogramInstrument<Value>, descriptor: InstrumentDescriptor) {
        self.instrument = instrument
        self.descriptor = descriptor
    }

    /// Records a measurement into the series named by `attributes`.
    @inlinable
    public func record(_ value: Value, attributes: Attributes = .empty) {
        instrument.record(value, attributes: attributes)
    }

    /// Resolves the series for `attributes` once, for lookup-free, lock-free records.
    public func bind(_ attributes: Attributes = .empty) -> BoundHistogram<Value> {
        BoundHistogram(instrument: instrument, attributes: attributes)
    }
}

/// One series of a histogram, resolved by `Histogram.bind(_:)`.
public struct BoundHistogram<Value: MeasurementValue>: Sendable {
    @usableFromInline let instrument: HistogramInstrument<Value>
    @usableFromInline let accumulators: [any HistogramAccumulator]
    @usableFromInline let attributes: Attributes

    init(instrument: HistogramInstrument<Value>, attributes: Attributes) {
        self.instrument = instrument
        self.attributes = attributes
        accumulators = instrument.accumulators(for: attributes)
    }

    /// Records a measurement.
    @inlinable
    public func record(_ value: Value) {
        guard value.isFiniteMeasurement else {
            instrument.reporter.recordDrop(.nonFinite, value: "\(value)")
            return
        }
        instrument.record(value, attributes: attributes, into: accumulators)
    }
}

/// The shared machinery of a histogram instrument.
@usableFromInline
final class HistogramInstrument<Value: MeasurementValue>: Sendable {
    let streams: [any HistogramStream]
    @usableFromInline let reporter: InstrumentReporter
    let exemplars: ExemplarSampling
    private let samplesExemplars: Bool

    init(streams: [any HistogramStream], reporter: InstrumentReporter, exemplars: ExemplarSampling) {
        self.streams = streams
        self.reporter = reporter
        self.exemplars = exemplars
        samplesExemplars = !streams.isEmpty && exemplars.filter != .alwaysOff
    }

    func accumulators(for attributes: Attributes) -> [any HistogramAccumulator] {
        streams.map { $0.accumulator(for: attributes) }
    }

    @usableFromInline
    func record(_ value: Value, attributes: Attributes) {
        guard value.isFiniteMeasurement else {
            reporter.recordDrop(.nonFinite, value: "\(value)")
            return
        }
        record(value, attributes: attributes, into: accumulators(for: attributes))
    }

    @usableFromInline
    func record(_ value: Value, attributes: Attributes, into accumulators: [any HistogramAccumulator]) {
        let measurement = value.doubleValue
        for (index, accumulator) in accumulators.enumerated() {
            let bucket = accumulator.record(measurement)
            if samplesExemplars,
               let exemplar = exemplars.candidate(value.numberValue, attributes: attributes, keptKeys: streams[index].configuration.keptKeys) {
                accumulator.offerExemplar(exemplar, bucket: bucket, reservoirKind: accumulator.exemplarReservoirKind)
            }
        }
    }
}
