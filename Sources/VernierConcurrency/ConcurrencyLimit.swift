import Synchronization


/// Counts work in progress against a ceiling, without waiting: a caller either gets a slot or is refused.
public final class ConcurrencyLimit: Sendable {
    private let limit: Int
    private let inUse = Atomic<Int>(0)

    public init(limit: Int) {
        self.limit = limit
    }

    /// Takes a slot; false when all are taken.
    public func acquire() -> Bool {
        var current = inUse.load(ordering: .relaxed)
        while current < limit {
            let (exchanged, original) = inUse.compareExchange(expected: current, desired: current + 1, ordering: .acquiringAndReleasing)
            if exchanged { return true }
            current = original
        }
        return false
    }

    /// Gives back a slot taken with `acquire()`.
    public func release() {
        inUse.subtract(1, ordering: .acquiringAndReleasing)
    }
}
