import Synchronization

/// The running sum of one series of a counter or up-down counter.
///
/// Adding is one compare-and-swap on a single word: no lock, no allocation, no reference counting. When that
/// swap loses a race with another core, the cell switches for good to per-core lines (`StripedTotal`), so that
/// contended series scale with cores while the many quiet series stay small.
@usableFromInline
final class SumCell: SeriesCell, @unchecked Sendable {
    @usableFromInline let total = Atomic<UInt64>(0)
    /// The address of the per-core lines, or zero while the cell is uncontended.
    @usableFromInline let stripes = Atomic<UInt>(0)

    deinit {
        StripedTotal.deallocate(stripes.load(ordering: .acquiring))
    }

    @inlinable
    func add<Value: MeasurementValue>(_ value: Value) {
        if addIfUncontended(value) { return }
        let lines = stripes.load(ordering: .acquiring)
        StripedTotal.add(value, to: lines != 0 ? lines : contendedLines())
    }

    /// Adds `value` with one compare-and-swap and returns true, or returns false having added nothing when the
    /// cell already uses per-core lines or the swap lost a race: then `add` goes to the lines.
    @inlinable @inline(__always)
    func addIfUncontended<Value: MeasurementValue>(_ value: Value) -> Bool {
        guard stripes.load(ordering: .acquiring) == 0 else { return false }
        let current = total.load(ordering: .relaxed)
        return total.compareExchange(expected: current, desired: Value.accumulate(current, value), ordering: .relaxed).exchanged
    }

    /// The per-core lines, allocated by whichever writer first saw contention.
    @usableFromInline
    func contendedLines() -> UInt {
        let fresh = StripedTotal.allocate()
        let (exchanged, existing) = stripes.compareExchange(expected: 0, desired: fresh, ordering: .acquiringAndReleasing)
        if exchanged { return fresh }
        StripedTotal.deallocate(fresh)
        return existing
    }

    /// Replaces the total with `bits`. Adds racing with the store may land on either side of it.
    func store(_ bits: UInt64) {
        total.store(bits, ordering: .relaxed)
        let lines = stripes.load(ordering: .acquiring)
        if lines != 0 { StripedTotal.clear(lines) }
    }

    /// The current total.
    func value(kind: NumberKind) -> NumberValue {
        let bits = total.load(ordering: .relaxed)
        let lines = stripes.load(ordering: .acquiring)
        return kind.number(lines == 0 ? bits : StripedTotal.adding(to: bits, linesAt: lines, kind: kind))
    }
}
