/// A value set when it changes: a temperature, a configured limit. Each series reports the last value recorded.
public struct Gauge<Value: MeasurementValue>: Sendable {
    @usableFromInline let instrument: GaugeInstrument
    /// The instrument's identity.
    public let descriptor: InstrumentDescriptor

    /// Whether measurements are recorded: false for a provider without readers or an instrument every view
    /// drops. Check it to skip building attributes for measurements no one would see (OpenTelemetry's `Enabled`).
    public var isEnabled: Bool { !instrument.streams.isEmpty }

    init(instrument: GaugeInstrument, descriptor: InstrumentDescriptor) {
        self.instrument = instrument
        self.descriptor = descriptor
    }

    /// Sets the current value of the series named by `attributes`.
    @inlinable
    public func record(_ value: Value, attributes: Attributes = .empty) {
        guard value.isFiniteMeasurement else {
            instrument.reporter.recordDrop(.nonFinite, of: value)
            return
        }
        instrument.record(bits: value.accumulatorBits, exemplarValue: value.numberValue, attributes: attributes)
    }

    /// Resolves the series for `attributes` once, for lookup-free, lock-free records.
    public func bind(_ attributes: Attributes = .empty) -> BoundGauge<Value> {
        BoundGauge(instrument: instrument, attributes: attributes)
    }

    /// Stops reporting the series `attributes` name, as a swift-metrics `destroy` or client_golang's `Delete` does;
    /// its next measurement starts it again from zero. Handles bound to it keep working but are no longer reported.
    public func removeSeries(_ attributes: Attributes) {
        for stream in instrument.streams { stream.table.remove(attributes) }
    }
}

/// The shared machinery of a gauge instrument.
@usableFromInline
final class GaugeInstrument: Sendable {
    let streams: [GaugeStream]
    @usableFromInline let reporter: InstrumentReporter
    let exemplars: ExemplarSampling

    init(streams: [GaugeStream], reporter: InstrumentReporter, exemplars: ExemplarSampling) {
        self.streams = streams
        self.reporter = reporter
        self.exemplars = exemplars
    }

    @usableFromInline
    func record(bits: UInt64, exemplarValue: NumberValue, attributes: Attributes) {
        record(bits: bits, exemplarValue: exemplarValue, attributes: attributes, into: streams.map { $0.table.cell(for: attributes) })
    }

    /// Sets the value of `cells`, one per stream, offering it as an exemplar when the filter takes it.
    @usableFromInline
    func record(bits: UInt64, exemplarValue: NumberValue, attributes: Attributes, into cells: [LastValueCell]) {
        let sample = exemplars.filter == .alwaysOff || streams.isEmpty ? nil : exemplars.sample()
        for (stream, cell) in zip(streams, cells) {
            cell.bits.store(bits, ordering: .relaxed)
            if let sample {
                let exemplar = sample.exemplar(exemplarValue, attributes: attributes, keptKeys: stream.configuration.keptKeys)
                cell.offerExemplar(exemplar, bucket: 0, reservoirKind: .fixedSize(1))
            }
        }
    }
}

/// One series of a gauge, resolved by `Gauge.bind(_:)`.
public struct BoundGauge<Value: MeasurementValue>: Sendable {
    @usableFromInline let instrument: GaugeInstrument
    @usableFromInline let cells: [LastValueCell]
    @usableFromInline let attributes: Attributes

    init(instrument: GaugeInstrument, attributes: Attributes) {
        self.instrument = instrument
        self.attributes = attributes
        cells = instrument.streams.map { $0.table.cell(for: attributes) }
    }

    /// Sets the current value.
    @inlinable
    public func record(_ value: Value) {
        guard value.isFiniteMeasurement else {
            instrument.reporter.recordDrop(.nonFinite, of: value)
            return
        }
        instrument.record(bits: value.accumulatorBits, exemplarValue: value.numberValue, attributes: attributes, into: cells)
    }
}
