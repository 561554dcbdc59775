import Testing
@testable import Vernier
import VernierConcurrency

@Suite struct TemporalityTests {
    @Test func deltaReadersSeeOnlyTheChangeSinceTheirLastCollection() throws {
        let harness = Harness(temporality: .delta)
        let counter = try harness.meter.counter("c")
        let histogram = try harness.meter.histogram("h", boundaries: [1])
        counter.add(5)
        histogram.record(0.5)
        let first = harness.collect()
        counter.add(2)
        histogram.record(3)
        histogram.record(4)
        let second = harness.collect()
        let third = harness.collect()

        #expect(harness.metric("c", in: first)?.value() == 5)
        #expect(harness.metric("c", in: second)?.value() == 2)
        #expect(harness.metric("c", in: third) == nil)
        let firstHistogram = try #require(harness.metric("h", in: first)?.histogramPoints.first)
        let secondHistogram = try #require(harness.metric("h", in: second)?.histogramPoints.first)
        #expect(firstHistogram.bucketCounts == [1, 0])
        #expect(secondHistogram.bucketCounts == [0, 2])
        #expect(secondHistogram.count == 2 && secondHistogram.sum == 7)
        #expect(secondHistogram.startTime == firstHistogram.time)
        guard case .sum(let sum) = harness.metric("c", in: second)?.data else { Issue.record("not a sum"); return }
        #expect(sum.temporality == .delta)
    }

    @Test func upDownCountersStayCumulativeUnderTheDeltaPreference() throws {
        let harness = Harness(temporality: .delta)
        try harness.meter.upDownCounter("u").add(3)
        _ = harness.collect()
        guard case .sum(let sum) = harness.metric("u")?.data else { Issue.record("not a sum"); return }
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
        let harness = Harness(temporality: .delta)
        let total = MutexBox(10)
        try harness.meter.observableCounter("ticks") { (observer: Observer<Int>) in
            observer.observe(total.withLock { $0 })
        }
        #expect(harness.metric("ticks")?.value() == 10)
        total.withLock { $0 = 25 }
        #expect(harness.metric("ticks")?.value() == 15)
    }

    @Test func cumulativePointsKeepTheSeriesStartTime() throws {
        let harness = Harness()
        let counter = try harness.meter.counter("c")
        counter.add(1)
        let first = try #require(harness.metric("c")?.numberPoints.first)
        counter.add(1)
        let second = try #require(harness.metric("c")?.numberPoints.first)
        #expect(first.startTime == second.startTime)
        #expect(second.time > first.time)
        #expect(second.value == .int(2))
    }
}
