/// A distribution of measurements: request durations, payload sizes. Non-finite values are dropped and counted.
///
/// Each series keeps bucket counts, sum, count, min and max, and exemplars linking buckets to traces.
public struct Histogram<Value: MeasurementValue>: Sendable {
    @usableFromInline let instrument: HistogramInstrument
    /// The instrument's identity.
    public let descriptor: InstrumentDescriptor

    /// Whether measurements are recorded: false for a provider without readers or an instrument every view
    /// drops. Check it to skip building attributes for measurements no one would see (OpenTelemetry's `Enabled`).
    public var isEnabled: Bool { !instrument.streams.isEmpty }

    init(instrument: HistogramInstrument, descriptor: InstrumentDescriptor) {
        self.instrument = instrument
        self.descriptor = descriptor
    }

    /// Records a measurement into the series named by `attributes`.
    @inlinable
    public func record(_ value: Value, attributes: Attributes = .empty) {
        guard value.isFiniteMeasurement else {
            instrument.reporter.recordDrop(.nonFinite, of: value)
            return
        }
        instrument.record(value.doubleValue, exemplarValue: value.numberValue, attributes: attributes)
    }

    /// Resolves the series for `attributes` once, for lookup-free, lock-free records.
    public func bind(_ attributes: Attributes = .empty) -> BoundHistogram<Value> {
        BoundHistogram(instrument: instrument, attributes: attributes)
    }

    /// Stops reporting the series `attributes` name, as a swift-metrics `destroy` or client_golang's `Delete` does;
    /// its next measurement starts it again from zero. Handles bound to it keep working but are no longer reported.
    public func removeSeries(_ attributes: Attributes) {
        for stream in instrument.streams { stream.removeSeries(attributes) }
    }
}

/// One series of a histogram, resolved by `Histogram.bind(_:)`.
public struct BoundHistogram<Value: MeasurementValue>: Sendable {
    @usableFromInline let instrument: HistogramInstrument
    @usableFromInline let accumulators: [any HistogramAccumulator]
    /// The only series when there is exactly one explicit-bucket stream: the path with no loop and no reference
    /// counting (`accumulators` keeps it alive).
    @usableFromInline let sole: Unmanaged<ExplicitHistogramCell>?
    @usableFromInline let attributes: Attributes

    init(instrument: HistogramInstrument, attributes: Attributes) {
        self.instrument = instrument
        self.attributes = attributes
        accumulators = instrument.accumulators(for: attributes)
        sole = accumulators.count == 1
            ? (accumulators[0] as? ExplicitHistogramCell).map { Unmanaged.passUnretained($0) }
            : nil
    }

    /// Records a measurement.
    @inlinable
    public func record(_ value: Value) {
        guard value.isFiniteMeasurement else {
            instrument.reporter.recordDrop(.nonFinite, of: value)
            return
        }
        guard let sole else {
            instrument.record(value.doubleValue, exemplarValue: value.numberValue, attributes: attributes, into: accumulators)
            return
        }
        let bucket = sole._withUnsafeGuaranteedRef { $0.record(value.doubleValue) }
        if instrument.offersExemplarsNow {
            instrument.offerExemplar(value.numberValue, attributes: attributes, to: sole, bucket: bucket)
        }
    }
}

/// The shared machinery of a histogram instrument; not generic, since histograms record doubles.
@usableFromInline
final class HistogramInstrument: Sendable {
    let streams: [any HistogramStream]
    /// Each stream's kept attribute keys, read once here rather than through the stream existential per exemplar.
    private let keptKeysByStream: [Set<String>?]
    @usableFromInline let reporter: InstrumentReporter
    let exemplars: ExemplarSampling
    @usableFromInline let exemplarGate: ExemplarGate

    init(streams: [any HistogramStream], reporter: InstrumentReporter, exemplars: ExemplarSampling) {
        self.streams = streams
        keptKeysByStream = streams.map(\.configuration.keptKeys)
        self.reporter = reporter
        self.exemplars = exemplars
        exemplarGate = exemplars.gate(hasStreams: !streams.isEmpty)
    }

    /// Whether a measurement recorded now may become an exemplar; checked inline before any exemplar work.
    @inlinable
    var offersExemplarsNow: Bool { exemplarGate.isOpen }

    func accumulators(for attributes: Attributes) -> [any HistogramAccumulator] {
        streams.map { $0.accumulator(for: attributes) }
    }

    /// Offers a measurement already recorded into `cell`, the instrument's only series of `attributes`, as its
    /// exemplar, if the filter takes it.
    @usableFromInline
    func offerExemplar(_ value: NumberValue, attributes: Attributes, to cell: Unmanaged<ExplicitHistogramCell>, bucket: Int) {
        guard let sample = exemplars.sample() else { return }
        let exemplar = sample.exemplar(value, attributes: attributes, keptKeys: keptKeysByStream[0])
        cell._withUnsafeGuaranteedRef { $0.offerExemplar(exemplar, bucket: bucket, reservoirKind: $0.exemplarReservoirKind) }
    }

    @usableFromInline
    func record(_ value: Double, exemplarValue: NumberValue, attributes: Attributes) {
        record(value, exemplarValue: exemplarValue, attributes: attributes, into: accumulators(for: attributes))
    }

    @usableFromInline
    func record(_ value: Double, exemplarValue: NumberValue, attributes: Attributes, into accumulators: [any HistogramAccumulator]) {
        guard offersExemplarsNow else {
            for accumulator in accumulators { _ = accumulator.record(value) }
            return
        }
        let sample = exemplars.sample()
        for (index, accumulator) in accumulators.enumerated() {
            let bucket = accumulator.record(value)
            if let sample {
                let exemplar = sample.exemplar(exemplarValue, attributes: attributes, keptKeys: keptKeysByStream[index])
                accumulator.offerExemplar(exemplar, bucket: bucket, reservoirKind: accumulator.exemplarReservoirKind)
            }
        }
    }
}
