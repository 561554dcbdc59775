import Vernier
import VernierConcurrency

/// The event-loop lag instruments: the histogram every probe records into, and each loop's statistics over
/// the last closed interval, published as observable gauges.
final class LagMetrics: Sendable {
    /// One statistic of an interval: its name suffix, what it is, and how to read it.
    private struct Statistic: Sendable {
        let suffix: String
        let description: String
        let value: @Sendable (LagStatistics) -> Double
    }

    private static let statistics = [
        Statistic(suffix: "min", description: "Smallest event-loop lag over the last interval.", value: \.min),
        Statistic(suffix: "max", description: "Largest event-loop lag over the last interval.", value: \.max),
        Statistic(suffix: "mean", description: "Mean event-loop lag over the last interval.", value: \.mean),
        Statistic(suffix: "p50", description: "Median event-loop lag over the last interval.", value: \.p50),
        Statistic(suffix: "p90", description: "90th percentile of event-loop lag over the last interval.", value: \.p90),
        Statistic(suffix: "p99", description: "99th percentile of event-loop lag over the last interval.", value: \.p99),
    ]

    /// Bucket bounds from 100 µs to 10 s: a healthy loop sits in the first buckets, a blocked one in the last.
    private static let boundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    private let histogram: Histogram<Double>?
    private let published = MutexBox<[(loop: Attributes, statistics: LagStatistics)]>([])

    init(registrar: InstrumentRegistrar) {
        histogram = registrar.histogram(
            RuntimeMetricNaming.lag, unit: "s", description: "How late event-loop probes ran after their deadline.",
            boundaries: Self.boundaries)
        for statistic in Self.statistics {
            registrar.register(
                .gauge, RuntimeMetricNaming.lagStatisticPrefix + statistic.suffix, unit: "s",
                description: statistic.description, valueType: Double.self
            ) { observer in
                for (loop, statistics) in self.published.withLock({ $0 }) {
                    observer.observe(statistic.value(statistics), attributes: loop)
                }
            }
        }
    }

    /// A recorder for one probed loop, recording into the lag histogram and logging its problems to `problems`.
    func makeRecorder(loopName: String, problems: ProblemLog) -> LagRecorder {
        LagRecorder(loopName: loopName, histogram: histogram, problems: problems)
    }

    /// Replaces the statistics the gauges report: one entry per loop, nothing for loops left out.
    func publish(_ statistics: [(loop: Attributes, statistics: LagStatistics)]) {
        published.withLock { $0 = statistics }
    }
}
