#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import Vernier
import VernierTesting

@Suite struct ExponentialHistogramTests {
    @Test func powersOfTwoLandOnBucketBoundaries() {
        // Bucket i holds (2^i, 2^(i+1)] at scale 0: 1 lands in bucket -1, 2 in bucket 0, 3 and 4 in bucket 1.
        #expect(ExponentialMapping.index(of: 1, scale: 0) == -1)
        #expect(ExponentialMapping.index(of: 2, scale: 0) == 0)
        #expect(ExponentialMapping.index(of: 3, scale: 0) == 1)
        #expect(ExponentialMapping.index(of: 4, scale: 0) == 1)
        #expect(ExponentialMapping.index(of: 4, scale: -1) == 0)
        #expect(ExponentialMapping.index(of: 1, scale: 1) == -1)
        #expect(ExponentialMapping.index(of: 1.5, scale: 1) == 1)
        #expect(ExponentialMapping.index(of: 2, scale: 20) == (1 << 20) - 1)
    }

    @Test func indexesAgreeWithTheBucketDefinition() {
        for scale in [-3, 0, 3, 10, 20] {
            for value in [0.001, 0.37, 1.1, 3.3, 1000.5, 123456.789] {
                let index = ExponentialMapping.index(of: value, scale: scale)
                let base = pow(2.0, pow(2.0, Double(-scale)))
                let lower = pow(base, Double(index))
                let upper = pow(base, Double(index + 1))
                #expect(value > lower * (1 - 1e-9) && value <= upper * (1 + 1e-9), "scale \(scale) value \(value) index \(index)")
            }
        }
    }

    @Test func theScaleDropsUntilTheRangeFitsMaxSize() throws {
        let metrics = TestMetrics(views: [View(instrumentName: "e", aggregation: .base2ExponentialHistogram(maxSize: 4))])
        let histogram = try metrics.meter.histogram("e")
        for value in [1.0, 2, 4, 8, 16, -3, 0] { histogram.record(value) }
        let point = try metrics.collect().exponentialHistogram("e")
        #expect(point.count == 7)
        #expect(point.zeroCount == 1)
        #expect(point.sum == 28)
        #expect(point.min == -3 && point.max == 16)
        #expect(point.positive.counts.count <= 4)
        #expect(point.positive.counts.reduce(0, +) == 5)
        #expect(point.negative.counts.reduce(0, +) == 1)
        // (1, 16] needs 5 buckets at scale 0 (indexes -1...3); at scale -1 it needs 3 (indexes -1...1).
        #expect(point.scale == -1)
        #expect(point.positive.offset == -1)
        #expect(point.positive.counts == [1, 2, 2])
    }

    @Test func theDefaultExponentialHistogramStartsAtScaleTwentyWithOneHundredSixtyBuckets() throws {
        let metrics = TestMetrics(defaultHistogramAggregation: .base2ExponentialBucketHistogram)
        let histogram = try metrics.meter.histogram("e")
        histogram.record(1.5)
        #expect(try metrics.collect().exponentialHistogram("e").scale == 20)
        for exponent in 0..<200 { histogram.record(pow(2, Double(exponent) / 4)) }
        let point = try metrics.collect().exponentialHistogram("e")
        #expect(point.positive.counts.count <= 160)
        #expect(point.positive.counts.reduce(0, +) == 201)
        #expect(point.scale < 20)
    }

    @Test func deltaExponentialPointsSubtractAcrossScaleChanges() throws {
        let metrics = TestMetrics(
            views: [View(instrumentName: "e", aggregation: .base2ExponentialHistogram(maxSize: 4))], temporalityPreference: .delta)
        let histogram = try metrics.meter.histogram("e")
        histogram.record(1.5)
        _ = metrics.collect()
        for value in [100.0, 1000, 10000] { histogram.record(value) }
        let point = try metrics.collect().exponentialHistogram("e")
        #expect(point.count == 3)
        #expect(point.positive.counts.reduce(0, +) == 3)
        #expect(point.sum == 11100)
    }
}
