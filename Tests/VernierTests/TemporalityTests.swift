import Testing
@testable import Vernier
import VernierConcurrency
import VernierTesting

@Suite struct TemporalityTests {
    @Test func deltaReadersSeeOnlyTheChangeSinceTheirLastCollection() throws {
        let metrics = TestMetrics(temporalityPreference: .delta)
        let counter = try metrics.meter.counter("c")
        let histogram = try metrics.meter.histogram("h", boundaries: [1])
        counter.add(5)
        histogram.record(0.5)
        let first = metrics.collect()
        counter.add(2)
        histogram.record(3)
        histogram.record(4)
        let second = metrics.collect()
        let third = metrics.collect()

        #expect(try first.counterValue("c") == 5)
        #expect(try second.counterValue("c") == 2)
        #expect(throws: MetricLookupError.self) { try third.metric(named: "c") }
        let firstHistogram = try first.histogram("h")
        let secondHistogram = try second.histogram("h")
        #expect(firstHistogram.bucketCounts == [1, 0])
        #expect(secondHistogram.bucketCounts == [0, 2])
        #expect(secondHistogram.count == 2 && secondHistogram.sum == 7)
        #expect(secondHistogram.startTime == firstHistogram.time)
        guard case .sum(let sum) = try second.metric(named: "c").data else { Issue.record("not a sum"); return }
        #expect(sum.temporality == .delta)
    }

    @Test func upDownCountersStayCumulativeUnderTheDeltaPreference() throws {
        let metrics = TestMetrics(temporalityPreference: .delta)
        try metrics.meter.upDownCounter("u").add(3)
        _ = metrics.collect()
        guard case .sum(let sum) = try metrics.collect().metric(named: "u").data else { Issue.record("not a sum"); return }
        #expect(sum.temporality == .cumulative)
        #expect(sum.points.first?.value == .int(3))
    }

    @Test func lowMemoryKeepsObservableCountersCumulative() {
        #expect(TemporalityPreference.lowMemory.temporality(for: .counter) == .delta)
        #expect(TemporalityPreference.lowMemory.temporality(for: .histogram) == .delta)
        #expect(TemporalityPreference.lowMemory.temporality(for: .observableCounter) == .cumulative)
        #expect(TemporalityPreference.delta.temporality(for: .observableCounter) == .delta)
        #expect(TemporalityPreference.delta.temporality(for: .upDownCounter) == .cumulative)
    }

    @Test func observableCountersReportDeltasBySubtraction() throws {
        let metrics = TestMetrics(temporalityPreference: .delta)
        let total = MutexBox(10)
        try metrics.meter.observableCounter("ticks") { (observer: Observer<Int>) in
            observer.observe(total.withLock { $0 })
        }
        #expect(try metrics.collect().counterValue("ticks") == 10)
        total.withLock { $0 = 25 }
        #expect(try metrics.collect().counterValue("ticks") == 15)
    }

    @Test func cumulativePointsKeepTheSeriesStartTime() throws {
        let metrics = TestMetrics()
        let counter = try metrics.meter.counter("c")
        counter.add(1)
        let first = try #require(try metrics.collect().numberPoints("c").first)
        counter.add(1)
        let second = try #require(try metrics.collect().numberPoints("c").first)
        #expect(first.startTime == second.startTime)
        #expect(second.time > first.time)
        #expect(second.value == .int(2))
    }
}
