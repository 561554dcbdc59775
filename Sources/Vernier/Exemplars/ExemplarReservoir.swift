import VernierConcurrency

/// The exemplars one series keeps between collections.
///
/// Histograms keep one slot per bucket and the newest measurement wins it, without a lock unless a view filtered
/// attributes out of the exemplar (`BucketExemplarSlots`); other aggregations keep a small fixed-size sample
/// chosen uniformly (reservoir sampling) under a lock, so every measurement of the period has the same chance.
@usableFromInline
final class ExemplarReservoir: Sendable {
    /// How the reservoir chooses what to keep.
    @usableFromInline
    enum Kind: Sendable {
        /// One slot per histogram bucket, newest wins.
        case bucketAligned(bucketCount: Int)
        /// A uniform sample of this many measurements.
        case fixedSize(Int)
    }

    private struct State {
        var slots: [Exemplar?]
        var offeredThisPeriod = 0
        var random = SplitMix64(seed: UInt64(truncatingIfNeeded: Timestamp.now.nanosecondsSinceEpoch))
    }

    private let kind: Kind
    private let state: MutexBox<State>
    /// Bucket-aligned reservoirs only: the exemplars that carry no filtered attributes.
    private let lockFreeSlots: BucketExemplarSlots?

    init(kind: Kind) {
        self.kind = kind
        switch kind {
        case .bucketAligned(let count):
            state = MutexBox(State(slots: Array(repeating: nil, count: count)))
            lockFreeSlots = BucketExemplarSlots(count: count)
        case .fixedSize(let size):
            state = MutexBox(State(slots: Array(repeating: nil, count: max(1, size))))
            lockFreeSlots = nil
        }
    }

    deinit {
        lockFreeSlots?.deallocate()
    }

    /// Offers a measurement; `bucket` is its histogram bucket, ignored by fixed-size reservoirs.
    func offer(_ exemplar: Exemplar, bucket: Int) {
        if let lockFreeSlots, exemplar.filteredAttributes.isEmpty {
            lockFreeSlots.offer(exemplar, slot: bucket)
            return
        }
        state.withLock { state in
            state.offeredThisPeriod += 1
            switch kind {
            case .bucketAligned:
                state.slots[bucket] = exemplar
            case .fixedSize:
                let seen = state.offeredThisPeriod
                if seen <= state.slots.count {
                    state.slots[seen - 1] = exemplar
                } else {
                    let pick = Int(state.random.next() % UInt64(seen))
                    if pick < state.slots.count { state.slots[pick] = exemplar }
                }
            }
        }
    }

    /// The kept exemplars recorded after `cutoff` (all when nil), in slot order; starts a new sampling period.
    func collect(recordedAfter cutoff: Timestamp?) -> [Exemplar] {
        let locked = state.withLock { state in
            state.offeredThisPeriod = 0
            return state.slots
        }
        return locked.indices.compactMap { index in
            guard let newest = Self.newer(locked[index], lockFreeSlots?.exemplar(slot: index)),
                  cutoff.map({ newest.time > $0 }) ?? true
            else { return nil }
            return newest
        }
    }

    /// The later of two slots' exemplars, either of which may be empty.
    private static func newer(_ first: Exemplar?, _ second: Exemplar?) -> Exemplar? {
        guard let first else { return second }
        guard let second else { return first }
        return second.time > first.time ? second : first
    }
}

/// A small, fast pseudo-random generator for sampling decisions; not for anything secret.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
