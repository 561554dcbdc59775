import Synchronization

/// What every series cell has besides its values: when it started and its exemplars.
///
/// The exemplar reservoir is created on the first sampled measurement, so a series that never sees one
/// costs a single pointer for it.
@usableFromInline
class SeriesCell: @unchecked Sendable {
    /// When the series first received a measurement; the start of its cumulative points.
    let startTime: Timestamp
    @usableFromInline let reservoir = AtomicLazyReference<ExemplarReservoir>()

    @usableFromInline
    init(startTime: Timestamp) {
        self.startTime = startTime
    }

    /// Offers a measurement as an exemplar, creating the reservoir on first use.
    @usableFromInline
    func offerExemplar(_ candidate: Exemplar, bucket: Int, reservoirKind: ExemplarReservoir.Kind) {
        let target = reservoir.load() ?? reservoir.storeIfNil(ExemplarReservoir(kind: reservoirKind))
        target.offer(candidate, bucket: bucket)
    }

    /// The exemplars kept since the last collection, newest first.
    func collectExemplars(recordedAfter cutoff: Timestamp?) -> [Exemplar] {
        reservoir.load()?.collect(recordedAfter: cutoff) ?? []
    }
}
