import Synchronization

/// What every series cell has besides its values: when it started and its exemplars.
///
/// The exemplar reservoir is created on the first sampled measurement, so a series that never sees one
/// costs a single pointer for it.
@usableFromInline
class SeriesCell: @unchecked Sendable {
    private let startNanoseconds: Atomic<UInt64>
    private let reservoir = OnceReference<ExemplarReservoir>()

    @usableFromInline
    init(startTime: Timestamp) {
        startNanoseconds = Atomic(startTime.nanosecondsSinceEpoch)
    }

    /// When the series first received a measurement, or was last reset; the start of its cumulative points.
    var startTime: Timestamp {
        Timestamp(nanosecondsSinceEpoch: startNanoseconds.load(ordering: .relaxed))
    }

    /// Moves the start of the series' cumulative points to `time`, after its values went back to zero.
    func restart(at time: Timestamp) {
        startNanoseconds.store(time.nanosecondsSinceEpoch, ordering: .relaxed)
    }

    /// Offers a measurement as an exemplar, creating the reservoir on first use.
    func offerExemplar(_ candidate: Exemplar, bucket: Int, reservoirKind: ExemplarReservoir.Kind) {
        reservoir.withInstance(orMake: { ExemplarReservoir(kind: reservoirKind) }) { $0.offer(candidate, bucket: bucket) }
    }

    /// The exemplars kept since the last collection.
    func collectExemplars(recordedAfter cutoff: Timestamp?) -> [Exemplar] {
        reservoir.loadIfSet()?.collect(recordedAfter: cutoff) ?? []
    }
}
