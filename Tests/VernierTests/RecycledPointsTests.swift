import Testing
@testable import Vernier

/// Cumulative sums write each collection over the previous one's points when their series are the same; what
/// a consumer holds must never change, and every change of the series must show.
@Suite struct RecycledPointsTests {
    @Test func aSnapshotStillHeldKeepsItsValuesWhenTheNextCollectionIsTaken() throws {
        let harness = Harness()
        let counter = try harness.meter.counter("c")
        counter.add(1, attributes: ["k": "a"])
        counter.add(2, attributes: ["k": "b"])
        let held = harness.collect()
        counter.add(10, attributes: ["k": "a"])
        let next = harness.collect()
        counter.add(100, attributes: ["k": "a"])
        let last = harness.collect()

        #expect(harness.metric("c", in: held)?.value(["k": "a"]) == 1)
        #expect(harness.metric("c", in: next)?.value(["k": "a"]) == 11)
        #expect(harness.metric("c", in: last)?.value(["k": "a"]) == 111)
        #expect(harness.metric("c", in: last)?.value(["k": "b"]) == 2)
        let times = [held, next, last].compactMap { harness.metric("c", in: $0)?.numberPoints.first?.time }
        #expect(times == times.sorted() && Set(times).count == 3)
    }

    @Test func collectionsNobodyHoldsReportEachNewValue() throws {
        let harness = Harness()
        let counter = try harness.meter.counter("c")
        for round in 1...5 {
            counter.add(1, attributes: ["k": "a"])
            #expect(harness.metric("c")?.value(["k": "a"]) == Double(round))
        }
    }

    @Test func seriesAddedOrRemovedBetweenCollectionsShow() throws {
        let harness = Harness()
        let counter = try harness.meter.counter("c")
        counter.add(1, attributes: ["k": "a"])
        #expect(harness.metric("c")?.numberPoints.map(\.attributes) == [["k": "a"]])
        counter.add(1, attributes: ["k": "b"])
        #expect(harness.metric("c")?.numberPoints.map(\.attributes) == [["k": "a"], ["k": "b"]])
        counter.removeSeries(["k": "a"])
        counter.add(5, attributes: ["k": "c"])
        let points = try #require(harness.metric("c")?.numberPoints)
        #expect(points.map(\.attributes) == [["k": "b"], ["k": "c"]])
        #expect(points.map(\.value) == [.int(1), .int(5)])
    }

    @Test func aSeriesRemovedAndStartedAgainBetweenCollectionsStartsFromZero() throws {
        let harness = Harness()
        let counter = try harness.meter.counter("c")
        counter.add(7, attributes: ["k": "a"])
        let before = try #require(harness.metric("c")?.numberPoints.first)
        counter.removeSeries(["k": "a"])
        counter.add(2, attributes: ["k": "a"])
        let after = try #require(harness.metric("c")?.numberPoints.first)
        #expect(after.value == .int(2))
        #expect(after.startTime > before.startTime)
    }

    @Test func exemplarsComeAndGoWithTheirCollection() throws {
        let harness = Harness(exemplarFilter: .alwaysOn)
        let counter = try harness.meter.counter("c")
        counter.add(1)
        #expect(harness.metric("c")?.numberPoints.first?.exemplars.count == 1)
        #expect(harness.metric("c")?.numberPoints.first?.exemplars.count == 1, "cumulative points keep the latest exemplar")
        counter.add(3)
        #expect(harness.metric("c")?.numberPoints.first?.exemplars.first?.value == .int(3))
    }

    @Test func eachReaderHasPointsOfItsOwn() throws {
        let first = PullMetricReader()
        let second = PullMetricReader()
        let provider = MeterProvider(resource: Resource(serviceName: "test"), readers: [first, second])
        let counter = try provider.meter("m").counter("c")
        counter.add(1)
        let heldByFirst = first.collect()
        counter.add(1)
        let fromSecond = second.collect()
        counter.add(1)
        let againFromFirst = first.collect()
        #expect(heldByFirst.metrics.first?.value() == 1)
        #expect(fromSecond.metrics.first?.value() == 2)
        #expect(againFromFirst.metrics.first?.value() == 3)
    }
}
