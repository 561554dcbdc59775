import Synchronization

/// The last value recorded into one series of a synchronous gauge.
@usableFromInline
final class LastValueCell: SeriesCell {
    @usableFromInline let bits = Atomic<UInt64>(0)

    @inlinable
    func set<Value: MeasurementValue>(_ value: Value) {
        bits.store(value.accumulatorBits, ordering: .relaxed)
    }

    /// The last value set.
    func value<Value: MeasurementValue>(as _: Value.Type) -> Value {
        Value(accumulatorBits: bits.load(ordering: .relaxed))
    }
}
