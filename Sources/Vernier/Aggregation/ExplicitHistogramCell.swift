#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The values of a histogram series read at one instant; `count` always equals the sum of `bucketCounts`.
struct HistogramReading: Sendable {
    var count: UInt64
    var sum: Double
    var min: Double?
    var max: Double?
    var bucketCounts: [UInt64]
}

/// One half of an explicit-bucket histogram's storage: completed count, sum, min, max and the bucket counts,
/// as consecutive atomic words. A view over raw memory the cell owns, so using it involves no reference counting.
struct HistogramHalf {
    private static let completedWord = 0, sumWord = 1, minimumWord = 2, maximumWord = 3, firstBucketWord = 4
    static func wordCount(buckets: Int) -> Int { firstBucketWord + buckets }

    let words: UnsafeMutablePointer<Atomic<UInt64>>
    let bucketCount: Int

    /// Measurements fully written into this half.
    var completed: UnsafeMutablePointer<Atomic<UInt64>> { words + Self.completedWord }
    private var sumBits: UnsafeMutablePointer<Atomic<UInt64>> { words + Self.sumWord }
    private var minimumBits: UnsafeMutablePointer<Atomic<UInt64>> { words + Self.minimumWord }
    private var maximumBits: UnsafeMutablePointer<Atomic<UInt64>> { words + Self.maximumWord }
    private func bucket(_ index: Int) -> UnsafeMutablePointer<Atomic<UInt64>> { words + Self.firstBucketWord + index }

    /// Writes the empty state into fresh memory.
    func initialize() {
        for word in 0..<Self.wordCount(buckets: bucketCount) { (words + word).initialize(to: Atomic(0)) }
        minimumBits.pointee.store(Double.infinity.bitPattern, ordering: .relaxed)
        maximumBits.pointee.store((-Double.infinity).bitPattern, ordering: .relaxed)
    }

    func add(_ value: Double, bucket index: Int) {
        bucket(index).pointee.wrappingAdd(1, ordering: .relaxed)
        addSum(value)
        lowerMinimum(to: value)
        raiseMaximum(to: value)
        completed.pointee.wrappingAdd(1, ordering: .releasing)
    }

    private func addSum(_ value: Double) {
        var current = sumBits.pointee.load(ordering: .relaxed)
        while true {
            let (exchanged, original) = sumBits.pointee.compareExchange(
                expected: current, desired: (Double(bitPattern: current) + value).bitPattern, ordering: .relaxed)
            if exchanged { return }
            current = original
        }
    }

    private func lowerMinimum(to value: Double) {
        var current = minimumBits.pointee.load(ordering: .relaxed)
        while value < Double(bitPattern: current) {
            let (exchanged, original) = minimumBits.pointee.compareExchange(expected: current, desired: value.bitPattern, ordering: .relaxed)
            if exchanged { return }
            current = original
        }
    }

    private func raiseMaximum(to value: Double) {
        var current = maximumBits.pointee.load(ordering: .relaxed)
        while value > Double(bitPattern: current) {
            let (exchanged, original) = maximumBits.pointee.compareExchange(expected: current, desired: value.bitPattern, ordering: .relaxed)
            if exchanged { return }
            current = original
        }
    }

    /// This half's values; `count` is what the caller waited for.
    func read(count: UInt64) -> HistogramReading {
        HistogramReading(
            count: count,
            sum: Double(bitPattern: sumBits.pointee.load(ordering: .relaxed)),
            min: count > 0 ? Double(bitPattern: minimumBits.pointee.load(ordering: .relaxed)) : nil,
            max: count > 0 ? Double(bitPattern: maximumBits.pointee.load(ordering: .relaxed)) : nil,
            bucketCounts: (0..<bucketCount).map { bucket($0).pointee.load(ordering: .relaxed) })
    }

    /// Moves everything in this half into `other` and empties this one. Only the collector calls it.
    func drain(into other: HistogramHalf) {
        for index in 0..<bucketCount {
            let count = bucket(index).pointee.exchange(0, ordering: .relaxed)
            if count > 0 { other.bucket(index).pointee.wrappingAdd(count, ordering: .relaxed) }
        }
        other.addSum(Double(bitPattern: sumBits.pointee.exchange(0, ordering: .relaxed)))
        other.lowerMinimum(to: Double(bitPattern: minimumBits.pointee.exchange(Double.infinity.bitPattern, ordering: .relaxed)))
        other.raiseMaximum(to: Double(bitPattern: maximumBits.pointee.exchange((-Double.infinity).bitPattern, ordering: .relaxed)))
        other.completed.pointee.wrappingAdd(completed.pointee.exchange(0, ordering: .relaxed), ordering: .releasing)
    }
}

/// One series of an explicit-bucket histogram, recorded without a lock and read consistently.
///
/// Writers announce a measurement on a shared counter whose top bit names the "hot" half, write into that half,
/// then mark it complete. A collector flips the top bit, waits until the now-cold half has completed every
/// measurement announced before the flip, reads it, and folds it into the new hot half. Each reading is thus
/// a consistent cut: its count equals the sum of its buckets even while writers keep going.
@usableFromInline
final class ExplicitHistogramCell: SeriesCell, HistogramAccumulator, @unchecked Sendable {
    private static let hotBit: UInt64 = 1 << 63
    let boundaries: BucketBoundaries
    private let countAndHotIndex = Atomic<UInt64>(0)
    private let halves: (HistogramHalf, HistogramHalf)

    init(startTime: Timestamp, boundaries: BucketBoundaries) {
        self.boundaries = boundaries
        let buckets = boundaries.bucketCount
        let words = UnsafeMutablePointer<Atomic<UInt64>>.allocate(capacity: 2 * HistogramHalf.wordCount(buckets: buckets))
        halves = (
            HistogramHalf(words: words, bucketCount: buckets),
            HistogramHalf(words: words + HistogramHalf.wordCount(buckets: buckets), bucketCount: buckets))
        halves.0.initialize()
        halves.1.initialize()
        super.init(startTime: startTime)
    }

    deinit {
        halves.0.words.deallocate()
    }

    @usableFromInline
    var exemplarReservoirKind: ExemplarReservoir.Kind { .bucketAligned(bucketCount: boundaries.bucketCount) }

    @usableFromInline
    func record(_ value: Double) -> Int {
        let bucket = boundaries.bucketIndex(of: value)
        let announced = countAndHotIndex.wrappingAdd(1, ordering: .acquiring).oldValue
        (announced & Self.hotBit == 0 ? halves.0 : halves.1).add(value, bucket: bucket)
        return bucket
    }

    /// Reads a consistent cut of the series. Callers serialise collection.
    func read() -> HistogramReading {
        let before = countAndHotIndex.wrappingAdd(Self.hotBit, ordering: .acquiringAndReleasing).oldValue
        let announced = before & ~Self.hotBit
        let (cold, hot) = before & Self.hotBit == 0 ? (halves.0, halves.1) : (halves.1, halves.0)
        while cold.completed.pointee.load(ordering: .acquiring) != announced {
            sched_yield()
        }
        let reading = cold.read(count: announced)
        cold.drain(into: hot)
        return reading
    }
}
