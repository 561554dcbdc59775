import Synchronization

/// The last value recorded into one series of a synchronous gauge.
@usableFromInline
final class LastValueCell: SeriesCell, @unchecked Sendable {
    let bits = Atomic<UInt64>(0)

    /// The last value set.
    func value(kind: NumberKind) -> NumberValue {
        kind.number(bits.load(ordering: .relaxed))
    }
}
