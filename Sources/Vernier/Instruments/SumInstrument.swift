/// The shared machinery of counters and up-down counters: their streams, exemplar sampling and drop reporting.
@usableFromInline
final class SumInstrument<Value: MeasurementValue>: Sendable {
    let streams: [SumStream<Value>]
    @usableFromInline let isMonotonic: Bool
    @usableFromInline let reporter: InstrumentReporter
    let exemplars: ExemplarSampling
    /// False when no stream exists or the exemplar filter is `alwaysOff`: recording then never looks at spans.
    @usableFromInline let samplesExemplars: Bool

    init(streams: [SumStream<Value>], isMonotonic: Bool, reporter: InstrumentReporter, exemplars: ExemplarSampling) {
        self.streams = streams
        self.isMonotonic = isMonotonic
        self.reporter = reporter
        self.exemplars = exemplars
        samplesExemplars = !streams.isEmpty && exemplars.filter != .alwaysOff
    }

    /// Nil when the value may be added; otherwise why it is dropped.
    @inlinable
    func rejection(of value: Value) -> InstrumentReporter.DropReason? {
        if !value.isFiniteMeasurement { return .nonFinite }
        if isMonotonic, value.isNegativeMeasurement { return .negativeIncrement }
        return nil
    }

    @usableFromInline
    func add(_ value: Value, attributes: Attributes) {
        if let reason = rejection(of: value) {
            reporter.recordDrop(reason, value: "\(value)")
            return
        }
        for stream in streams {
            let cell = stream.table.cell(for: attributes)
            cell.add(value)
            if samplesExemplars { offerExemplar(value, attributes: attributes, cell: cell, stream: stream) }
        }
    }

    func cells(for attributes: Attributes) -> [SumCell] {
        streams.map { $0.table.cell(for: attributes) }
    }

    @usableFromInline
    func offerExemplars(_ value: Value, attributes: Attributes, cells: [SumCell]) {
        for (stream, cell) in zip(streams, cells) {
            offerExemplar(value, attributes: attributes, cell: cell, stream: stream)
        }
    }

    private func offerExemplar(_ value: Value, attributes: Attributes, cell: SumCell, stream: SumStream<Value>) {
        guard let exemplar = exemplars.candidate(value.numberValue, attributes: attributes, keptKeys: stream.configuration.keptKeys) else { return }
        cell.offerExemplar(exemplar, bucket: 0, reservoirKind: .fixedSize(4))
    }
}

/// A series of a counter or up-down counter, resolved once: adding to it is lock-free and allocation-free.
@usableFromInline
struct BoundSum<Value: MeasurementValue>: Sendable {
    @usableFromInline let instrument: SumInstrument<Value>
    @usableFromInline let cells: [SumCell]
    @usableFromInline let attributes: Attributes

    init(instrument: SumInstrument<Value>, attributes: Attributes) {
        self.instrument = instrument
        self.attributes = attributes
        cells = instrument.cells(for: attributes)
    }

    @inlinable
    func add(_ value: Value) {
        if let reason = instrument.rejection(of: value) {
            instrument.reporter.recordDrop(reason, value: "\(value)")
            return
        }
        for cell in cells { cell.add(value) }
        if instrument.samplesExemplars { instrument.offerExemplars(value, attributes: attributes, cells: cells) }
    }
}
