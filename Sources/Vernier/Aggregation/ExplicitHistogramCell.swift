#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The counts, sum, min and max of one explicit-bucket histogram series: one half's worth.
final class HistogramHalf: Sendable {
    nonisolated(unsafe) let buckets: UnsafeMutableBufferPointer<Atomic<UInt64>>
    let sumBits = Atomic<UInt64>(0)
    let minimumBits = Atomic<UInt64>(AtomicExtremes.emptyMinimum)
    let maximumBits = Atomic<UInt64>(AtomicExtremes.emptyMaximum)
    /// Measurements fully written into this half.
    let completed = Atomic<UInt64>(0)

    init(bucketCount: Int) {
        buckets = .allocate(capacity: bucketCount)
        for index in 0..<bucketCount { (buckets.baseAddress! + index).initialize(to: Atomic(0)) }
    }

    deinit {
        buckets.deallocate()
    }

    func add(_ value: Double, bucket: Int) {
        buckets[bucket].wrappingAdd(1, ordering: .relaxed)
        addSum(value)
        lower(minimumBits, to: value)
        raise(maximumBits, to: value)
        completed.wrappingAdd(1, ordering: .releasing)
    }

    private func addSum(_ value: Double) {
        var current = sumBits.load(ordering: .relaxed)
        while true {
            let (exchanged, original) = sumBits.compareExchange(
                expected: current, desired: (Double(bitPattern: current) + value).bitPattern, ordering: .relaxed)
            if exchanged { return }
            current = original
        }
    }

    private func lower(_ bits: borrowing Atomic<UInt64>, to value: Double) {
        var current = bits.load(ordering: .relaxed)
        while value < Double(bitPattern: current) {
            let (exchanged, original) = bits.compareExchange(expected: current, desired: value.bitPattern, ordering: .relaxed)
            if exchanged { return }
            current = original
        }
    }

    private func raise(_ bits: borrowing Atomic<UInt64>, to value: Double) {
        var current = bits.load(ordering: .relaxed)
        while value > Double(bitPattern: current) {
            let (exchanged, original) = bits.compareExchange(expected: current, desired: value.bitPattern, ordering: .relaxed)
            if exchanged { return }
            current = original
        }
    }

    /// Moves everything in this half into `other` and empties this one. Only the collector calls it.
    func drain(into other: HistogramHalf) {
        for index in buckets.indices {
            let count = buckets[index].exchange(0, ordering: .relaxed)
            if count > 0 { other.buckets[index].wrappingAdd(count, ordering: .relaxed) }
        }
        let sum = Double(bitPattern: sumBits.exchange(0, ordering: .relaxed))
        other.addSum(sum)
        other.lower(other.minimumBits, to: Double(bitPattern: minimumBits.exchange(AtomicExtremes.emptyMinimum, ordering: .relaxed)))
        other.raise(other.maximumBits, to: Double(bitPattern: maximumBits.exchange(AtomicExtremes.emptyMaximum, ordering: .relaxed)))
        other.completed.wrappingAdd(completed.exchange(0, ordering: .relaxed), ordering: .releasing)
    }
}

/// The values of a histogram series read at one instant; `count` always equals the sum of `bucketCounts`.
struct HistogramReading: Sendable {
    var count: UInt64
    var sum: Double
    var min: Double?
    var max: Double?
    var bucketCounts: [UInt64]
}

/// One series of an explicit-bucket histogram, recorded without a lock and read consistently.
///
/// Writers announce a measurement on a shared counter whose top bit names the "hot" half, write into that half,
/// then mark it complete. A collector flips the top bit, waits until the now-cold half has completed every
/// measurement announced before the flip, reads it, and folds it into the new hot half. Each reading is thus
/// a consistent cut: its count equals the sum of its buckets even while writers keep going.
@usableFromInline
final class ExplicitHistogramCell: SeriesCell, HistogramAccumulator {
    private static let hotBit: UInt64 = 1 << 63
    let boundaries: BucketBoundaries
    private let countAndHotIndex = Atomic<UInt64>(0)
    private let halves: (HistogramHalf, HistogramHalf)

    init(startTime: Timestamp, boundaries: BucketBoundaries) {
        self.boundaries = boundaries
        halves = (HistogramHalf(bucketCount: boundaries.bucketCount), HistogramHalf(bucketCount: boundaries.bucketCount))
        super.init(startTime: startTime)
    }

    @usableFromInline
    var exemplarReservoirKind: ExemplarReservoir.Kind { .bucketAligned(bucketCount: boundaries.bucketCount) }

    @usableFromInline
    func record(_ value: Double) -> Int {
        let bucket = boundaries.bucketIndex(of: value)
        let announced = countAndHotIndex.wrappingAdd(1, ordering: .acquiring).oldValue
        let hot = announced & Self.hotBit == 0 ? halves.0 : halves.1
        hot.add(value, bucket: bucket)
        return bucket
    }

    /// Reads a consistent cut of the series. Callers serialise collection.
    func read() -> HistogramReading {
        let before = countAndHotIndex.wrappingAdd(Self.hotBit, ordering: .acquiringAndReleasing).oldValue
        let announced = before & ~Self.hotBit
        let (cold, hot) = before & Self.hotBit == 0 ? (halves.0, halves.1) : (halves.1, halves.0)
        while cold.completed.load(ordering: .acquiring) != announced {
            sched_yield()
        }
        let minimum = Double(bitPattern: cold.minimumBits.load(ordering: .relaxed))
        let maximum = Double(bitPattern: cold.maximumBits.load(ordering: .relaxed))
        let reading = HistogramReading(
            count: announced,
            sum: Double(bitPattern: cold.sumBits.load(ordering: .relaxed)),
            min: announced > 0 ? minimum : nil,
            max: announced > 0 ? maximum : nil,
            bucketCounts: cold.buckets.indices.map { cold.buckets[$0].load(ordering: .relaxed) }
        )
        cold.drain(into: hot)
        return reading
    }
}
