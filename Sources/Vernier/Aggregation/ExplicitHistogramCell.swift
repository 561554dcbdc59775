import Synchronization

/// The values of a histogram series read at one instant; `count` always equals the sum of `bucketCounts`.
struct HistogramReading: Sendable {
    var count: UInt64
    var sum: Double
    var min: Double?
    var max: Double?
    var bucketCounts: [UInt64]
}

/// One series of an explicit-bucket histogram, recorded with one locked instruction and read consistently.
///
/// Each bucket is a pair of words, its count and the sum of the values it received, changed together by one
/// double-word compare-and-swap (`lock cmpxchg16b` on x86-64). A measurement is therefore in a reading
/// entirely or not at all: the count is the sum of the bucket counts and the sum the sum of the bucket sums,
/// while writers keep going. Minimum and maximum are words of their own, changed before the bucket (and only
/// when the value extends them), so a reading that counts a measurement also sees its bounds.
///
/// Writers on the same bucket retry their swap; a locked instruction costs about 20 cycles on server CPUs,
/// so the one a record needs is most of its cost.
@usableFromInline
final class ExplicitHistogramCell: SeriesCell, HistogramAccumulator, @unchecked Sendable {
    let boundaries: BucketBoundaries
    /// `[minimum, maximum]` as double bit patterns, then one (count, sum) pair per bucket: 16-byte aligned.
    private let words: UnsafeMutablePointer<Atomic<UInt64>>
    private static let bucketsStart = 2

    init(startTime: Timestamp, boundaries: BucketBoundaries) {
        self.boundaries = boundaries
        let wordCount = Self.bucketsStart + 2 * boundaries.bucketCount
        words = UnsafeMutableRawPointer.allocate(byteCount: wordCount * 8, alignment: 16)
            .bindMemory(to: Atomic<UInt64>.self, capacity: wordCount)
        for word in 0..<wordCount { (words + word).initialize(to: Atomic(0)) }
        words[0].store(Double.infinity.bitPattern, ordering: .relaxed)
        words[1].store((-Double.infinity).bitPattern, ordering: .relaxed)
        super.init(startTime: startTime)
    }

    deinit {
        UnsafeMutableRawPointer(words).deallocate()
    }

    @usableFromInline
    var exemplarReservoirKind: ExemplarReservoir.Kind { .bucketAligned(bucketCount: boundaries.bucketCount) }

    @usableFromInline
    func record(_ value: Double) -> Int {
        let bucket = boundaries.bucketIndex(of: value)
        lowerMinimum(to: value)
        raiseMaximum(to: value)
        let countWord = words + Self.bucketsStart + 2 * bucket
        let pair = UnsafeMutableRawPointer(countWord).assumingMemoryBound(to: Atomic<WordPair>.self)
        // The expected pair from two plain loads: right unless another writer is in this bucket, where the
        // swap fails and returns the pair to retry with. An atomic pair load would cost a second locked instruction.
        var expected = WordPair(
            first: UInt(countWord[0].load(ordering: .relaxed)), second: UInt(countWord[1].load(ordering: .relaxed)))
        while true {
            let sum = Double(bitPattern: UInt64(expected.second)) + value
            let desired = WordPair(first: expected.first &+ 1, second: UInt(sum.bitPattern))
            let (exchanged, original) = pair.pointee.compareExchange(
                expected: expected, desired: desired, successOrdering: .releasing, failureOrdering: .relaxed)
            if exchanged { return bucket }
            expected = original
        }
    }

    private func lowerMinimum(to value: Double) {
        var current = words[0].load(ordering: .relaxed)
        while value < Double(bitPattern: current) {
            let (exchanged, original) = words[0].compareExchange(expected: current, desired: value.bitPattern, ordering: .relaxed)
            if exchanged { return }
            current = original
        }
    }

    private func raiseMaximum(to value: Double) {
        var current = words[1].load(ordering: .relaxed)
        while value > Double(bitPattern: current) {
            let (exchanged, original) = words[1].compareExchange(expected: current, desired: value.bitPattern, ordering: .relaxed)
            if exchanged { return }
            current = original
        }
    }

    /// Reads a consistent cut of the series: every bucket's pair at once, then the bounds.
    func read() -> HistogramReading {
        var count: UInt64 = 0
        var sum = 0.0
        let bucketCounts = (0..<boundaries.bucketCount).map { bucket in
            let pair = UnsafeMutableRawPointer(words + Self.bucketsStart + 2 * bucket)
                .assumingMemoryBound(to: Atomic<WordPair>.self).pointee.load(ordering: .acquiring)
            count += UInt64(pair.first)
            sum += Double(bitPattern: UInt64(pair.second))
            return UInt64(pair.first)
        }
        return HistogramReading(
            count: count, sum: sum,
            min: count > 0 ? Double(bitPattern: words[0].load(ordering: .relaxed)) : nil,
            max: count > 0 ? Double(bitPattern: words[1].load(ordering: .relaxed)) : nil,
            bucketCounts: bucketCounts)
    }
}
