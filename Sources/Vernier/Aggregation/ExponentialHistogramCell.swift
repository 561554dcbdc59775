import VernierConcurrency

/// The state of one base-2 exponential histogram series at one instant.
struct ExponentialReading: Sendable, Equatable {
    var scale: Int
    var count: UInt64 = 0
    var sum: Double = 0
    var min: Double?
    var max: Double?
    var zeroCount: UInt64 = 0
    var positive = ExponentialBucketRange()
    var negative = ExponentialBucketRange()

    /// This reading at a coarser or equal scale.
    func downscaled(to target: Int) -> ExponentialReading {
        guard target < scale else { return self }
        var result = self
        result.scale = target
        result.positive = positive.downscaled(by: scale - target)
        result.negative = negative.downscaled(by: scale - target)
        return result
    }
}

/// One series of a base-2 exponential histogram: starts at the finest scale and halves its resolution whenever
/// the measurements would need more than `maxSize` buckets on either side of zero.
@usableFromInline
final class ExponentialHistogramCell: SeriesCell, HistogramAccumulator, @unchecked Sendable {
    private let maxSize: Int
    private let state: MutexBox<ExponentialReading>

    init(startTime: Timestamp, maxSize: Int, maxScale: Int) {
        self.maxSize = max(2, maxSize)
        state = MutexBox(ExponentialReading(scale: min(ExponentialMapping.maximumScale, max(ExponentialMapping.minimumScale, maxScale))))
        super.init(startTime: startTime)
    }

    @usableFromInline
    var exemplarReservoirKind: ExemplarReservoir.Kind { .fixedSize(min(20, maxSize)) }

    @usableFromInline
    func record(_ value: Double) -> Int {
        state.withLock { reading in
            reading.count += 1
            reading.sum += value
            reading.min = Swift.min(reading.min ?? value, value)
            reading.max = Swift.max(reading.max ?? value, value)
            if value == 0 {
                reading.zeroCount += 1
                return 0
            }
            let magnitude = abs(value)
            var index = ExponentialMapping.index(of: magnitude, scale: reading.scale)
            let range = value > 0 ? reading.positive : reading.negative
            if range.span(including: index) > maxSize {
                let change = ExponentialBucketRange.scaleChange(
                    low: Swift.min(range.offset, index), high: Swift.max(range.lastIndex, index), maxSize: maxSize)
                let target = Swift.max(ExponentialMapping.minimumScale, reading.scale - change)
                reading = reading.downscaled(to: target)
                index = ExponentialMapping.index(of: magnitude, scale: reading.scale)
            }
            if value > 0 { reading.positive.increment(index) } else { reading.negative.increment(index) }
            return 0
        }
    }

    /// The series' current state.
    func read() -> ExponentialReading {
        state.withLock { $0 }
    }
}
