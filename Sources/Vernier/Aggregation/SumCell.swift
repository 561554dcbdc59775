import Synchronization

/// The running sum of one series of a counter or up-down counter.
///
/// Adding is one compare-and-swap on a single word: no lock, no allocation. When that swap loses a race
/// with another core, the cell switches for good to a per-core `StripedTotal`, so that contended series
/// scale with cores while the many quiet series stay small.
@usableFromInline
final class SumCell: SeriesCell {
    @usableFromInline let total = Atomic<UInt64>(0)
    @usableFromInline let striped = AtomicLazyReference<StripedTotal>()

    @inlinable
    func add<Value: MeasurementValue>(_ value: Value) {
        if let stripes = striped.load() {
            stripes.add(value)
            return
        }
        let current = total.load(ordering: .relaxed)
        if !total.compareExchange(expected: current, desired: Value.accumulate(current, value), ordering: .relaxed).exchanged {
            addContended(value)
        }
    }

    @usableFromInline
    func addContended<Value: MeasurementValue>(_ value: Value) {
        let stripes = striped.load() ?? striped.storeIfNil(StripedTotal())
        stripes.add(value)
    }

    /// The current total.
    func value<Value: MeasurementValue>(as type: Value.Type) -> Value {
        let bits = total.load(ordering: .relaxed)
        guard let stripes = striped.load() else { return Value(accumulatorBits: bits) }
        return Value(accumulatorBits: stripes.adding(to: bits, as: type))
    }
}
