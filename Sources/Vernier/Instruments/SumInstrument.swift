/// The shared machinery of counters and up-down counters: their streams, exemplar sampling and drop reporting.
///
/// It is not generic: the value type only matters where a value meets a cell, and that code is inlined into
/// the caller, so nothing here pays for generic dispatch.
@usableFromInline
final class SumInstrument: Sendable {
    @usableFromInline let streams: [SumStream]
    /// False for a provider without readers or an instrument a view drops: then recording does nothing.
    @usableFromInline let hasStreams: Bool
    @usableFromInline let isMonotonic: Bool
    @usableFromInline let reporter: InstrumentReporter
    let exemplars: ExemplarSampling
    @usableFromInline let exemplarGate: ExemplarGate

    init(streams: [SumStream], isMonotonic: Bool, reporter: InstrumentReporter, exemplars: ExemplarSampling) {
        self.streams = streams
        hasStreams = !streams.isEmpty
        self.isMonotonic = isMonotonic
        self.reporter = reporter
        self.exemplars = exemplars
        exemplarGate = exemplars.gate(hasStreams: !streams.isEmpty)
    }

    /// Nil when the value may be added; otherwise why it is dropped.
    @inlinable
    func rejection<Value: MeasurementValue>(of value: Value) -> InstrumentReporter.DropReason? {
        if !value.isFiniteMeasurement { return .nonFinite }
        if isMonotonic, value.isNegativeMeasurement { return .negativeIncrement }
        return nil
    }

    /// Adds to the series of `attributes` in every stream; nothing at all without streams (a provider without
    /// readers, or a view that drops the instrument).
    @inlinable
    func add<Value: MeasurementValue>(_ value: Value, attributes: Attributes) {
        if hasStreams { addToStreams(value, attributes: attributes) }
    }

    /// The body of `add` once there are streams, kept out of line so that the check above inlines into callers.
    @inlinable @inline(never)
    func addToStreams<Value: MeasurementValue>(_ value: Value, attributes: Attributes) {
        if let reason = rejection(of: value) {
            reporter.recordDrop(reason, of: value)
            return
        }
        if offersExemplarsNow {
            addOfferingExemplars(value, attributes: attributes)
        } else {
            for stream in streams { stream.cell(for: attributes).add(value) }
        }
    }

    /// Adds to each stream's series and offers the measurement to it as an exemplar, looking each series up
    /// once, so that a measurement past the cardinality limit is counted as one overflow.
    @usableFromInline
    func addOfferingExemplars<Value: MeasurementValue>(_ value: Value, attributes: Attributes) {
        let sample = exemplars.sample()
        for stream in streams {
            let cell = stream.cell(for: attributes)
            cell.add(value)
            guard let sample else { continue }
            let exemplar = sample.exemplar(value.numberValue, attributes: attributes, keptKeys: stream.configuration.keptKeys)
            cell.offerExemplar(exemplar, bucket: 0, reservoirKind: .fixedSize(4))
        }
    }

    /// Whether a measurement recorded now may become an exemplar; checked inline before any exemplar work.
    @inlinable
    var offersExemplarsNow: Bool { exemplarGate.isOpen }

    func cells(for attributes: Attributes) -> [SumCell] {
        streams.map { $0.cell(for: attributes) }
    }

    func removeSeries(_ attributes: Attributes) {
        for stream in streams { stream.table.remove(attributes) }
    }

    /// Offers a measurement to each stream's series, resolved beforehand, as an exemplar if the filter takes it.
    @usableFromInline
    func offerExemplars(_ value: NumberValue, attributes: Attributes, cells: [SumCell]) {
        guard let sample = exemplars.sample() else { return }
        for (stream, cell) in zip(streams, cells) {
            let exemplar = sample.exemplar(value, attributes: attributes, keptKeys: stream.configuration.keptKeys)
            cell.offerExemplar(exemplar, bucket: 0, reservoirKind: .fixedSize(4))
        }
    }
}

/// A series of a counter or up-down counter, resolved once: adding to it is lock-free and allocation-free.
///
/// The first stream's cell is held on its own and the inlined path touches only it; further streams and
/// exemplar sampling take an out-of-line path, so the usual case compiles to two checks and a compare-and-swap.
/// The handle is four words, so it travels in registers: what the slow path needs sits in `others`.
@usableFromInline
struct BoundSum: Sendable {
    @usableFromInline let instrument: SumInstrument
    /// The first cell, held without reference counting: `others` keeps it alive.
    @usableFromInline let first: Unmanaged<SumCell>?
    @usableFromInline let others: BoundSumCells
    /// True when there are streams besides the first.
    @usableFromInline let hasOtherCells: Bool

    init(instrument: SumInstrument, attributes: Attributes) {
        self.instrument = instrument
        others = BoundSumCells(cells: instrument.cells(for: attributes), attributes: attributes)
        first = others.cells.first.map { Unmanaged.passUnretained($0) }
        hasOtherCells = others.cells.count > 1
    }

    /// Adds `value`. The common case (an acceptable value, one uncontended cell, no exemplar to offer) is one
    /// compare-and-swap and makes no call; everything else continues in `addOutOfLine`.
    @inlinable @inline(__always)
    func add<Value: MeasurementValue>(_ value: Value) {
        guard let first else { return }
        let accepted = instrument.rejection(of: value) == nil
        let added = accepted && first._withUnsafeGuaranteedRef { $0.addIfUncontended(value) }
        if added, !hasOtherCells, !instrument.offersExemplarsNow { return }
        addOutOfLine(value, firstCellAdded: added)
    }

    /// The rest of `add`: a rejected value, a contended first cell, the other streams' cells and exemplars.
    @inlinable @inline(never)
    func addOutOfLine<Value: MeasurementValue>(_ value: Value, firstCellAdded: Bool) {
        if let reason = instrument.rejection(of: value) {
            instrument.reporter.recordDrop(reason, of: value)
            return
        }
        if !firstCellAdded { first?._withUnsafeGuaranteedRef { $0.add(value) } }
        if hasOtherCells || instrument.offersExemplarsNow { addToOthers(value) }
    }

    /// Replaces the series' total in every stream, for bridges whose API sets sums (swift-metrics' `Meter.set`,
    /// `Counter.reset`). A monotonic total that goes down starts its cumulative points anew.
    func store<Value: MeasurementValue>(_ value: Value) {
        if !value.isFiniteMeasurement {
            instrument.reporter.recordDrop(.nonFinite, of: value)
            return
        }
        for cell in others.cells {
            cell.store(value.accumulatorBits)
            if instrument.isMonotonic { cell.restart(at: .now) }
        }
    }

    @inlinable @inline(never)
    func addToOthers<Value: MeasurementValue>(_ value: Value) {
        for cell in others.cells.dropFirst() { cell.add(value) }
        if instrument.offersExemplarsNow {
            instrument.offerExemplars(value.numberValue, attributes: others.attributes, cells: others.cells)
        }
    }
}

/// Every stream's cell of one bound series and its attributes: what adding needs beyond the first cell.
@usableFromInline
final class BoundSumCells: Sendable {
    @usableFromInline let cells: [SumCell]
    @usableFromInline let attributes: Attributes

    init(cells: [SumCell], attributes: Attributes) {
        self.cells = cells
        self.attributes = attributes
    }
}
