/// A value set when it changes: a temperature, a configured limit. Each series reports the last value recorded.
public struct Gauge<Value: MeasurementValue>: Sendable {
    @usableFromInline let instrument: GaugeInstrument<Value>
    /// The instrument's identity.
    public let descriptor: InstrumentDescriptor

    init(instrument: GaugeInstrument<Value>, descriptor: InstrumentDescriptor) {
        self.instrument = instrument
        self.descriptor = descriptor
    }

    /// Sets the current value of the series named by `attributes`.
    @inlinable
    public func record(_ value: Value, attributes: Attributes = .empty) {
        instrument.record(value, attributes: attributes)
    }
}

/// The shared machinery of a gauge instrument.
@usableFromInline
final class GaugeInstrument<Value: MeasurementValue>: Sendable {
    let streams: [GaugeStream<Value>]
    let reporter: InstrumentReporter
    let exemplars: ExemplarSampling

    init(streams: [GaugeStream<Value>], reporter: InstrumentReporter, exemplars: ExemplarSampling) {
        self.streams = streams
        self.reporter = reporter
        self.exemplars = exemplars
    }

    @usableFromInline
    func record(_ value: Value, attributes: Attributes) {
        guard value.isFiniteMeasurement else {
            reporter.recordDrop(.nonFinite, value: "\(value)")
            return
        }
        for stream in streams {
            let cell = stream.table.cell(for: attributes)
            cell.set(value)
            if exemplars.filter != .alwaysOff,
               let exemplar = exemplars.candidate(value.numberValue, attributes: attributes, keptKeys: stream.configuration.keptKeys) {
                cell.offerExemplar(exemplar, bucket: 0, reservoirKind: .fixedSize(1))
            }
        }
    }
}
