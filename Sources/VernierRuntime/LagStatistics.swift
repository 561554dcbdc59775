/// One loop's lag over one interval, in seconds: extremes, mean and percentiles, as Node's
/// `monitorEventLoopDelay` summarizes it.
struct LagStatistics: Sendable, Equatable {
    var min: Double
    var max: Double
    var mean: Double
    var p50: Double
    var p90: Double
    var p99: Double

    /// Summarizes `samples`, sorting them in place; nil when there are none.
    init?(sorting samples: inout [Double]) {
        guard !samples.isEmpty else { return nil }
        samples.sort()
        min = samples[0]
        max = samples[samples.count - 1]
        mean = samples.reduce(0, +) / Double(samples.count)
        p50 = Self.percentile(0.50, ofSorted: samples)
        p90 = Self.percentile(0.90, ofSorted: samples)
        p99 = Self.percentile(0.99, ofSorted: samples)
    }

    /// The nearest-rank percentile: the smallest sample with at least `fraction` of the samples at or below it.
    private static func percentile(_ fraction: Double, ofSorted samples: [Double]) -> Double {
        let rank = Int((fraction * Double(samples.count)).rounded(.up))
        return samples[Swift.min(Swift.max(rank, 1), samples.count) - 1]
    }
}
