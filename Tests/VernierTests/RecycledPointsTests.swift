import Testing
@testable import Vernier
import VernierTesting

/// Cumulative sums write each collection over the previous one's points when their series are the same; what
/// a consumer holds must never change, and every change of the series must show.
@Suite struct RecycledPointsTests {
    @Test func aSnapshotStillHeldKeepsItsValuesWhenTheNextCollectionIsTaken() throws {
        let metrics = TestMetrics()
        let counter = try metrics.meter.counter("c")
        counter.add(1, attributes: ["k": "a"])
        counter.add(2, attributes: ["k": "b"])
        let held = metrics.collect()
        counter.add(10, attributes: ["k": "a"])
        let next = metrics.collect()
        counter.add(100, attributes: ["k": "a"])
        let last = metrics.collect()

        #expect(try held.counterValue("c", attributes: ["k": "a"]) == 1)
        #expect(try next.counterValue("c", attributes: ["k": "a"]) == 11)
        #expect(try last.counterValue("c", attributes: ["k": "a"]) == 111)
        #expect(try last.counterValue("c", attributes: ["k": "b"]) == 2)
        let times = try [held, next, last].compactMap { try $0.numberPoints("c").first?.time }
        #expect(times == times.sorted() && Set(times).count == 3)
    }

    @Test func collectionsNobodyHoldsReportEachNewValue() throws {
        let metrics = TestMetrics()
        let counter = try metrics.meter.counter("c")
        for round in 1...5 {
            counter.add(1, attributes: ["k": "a"])
            #expect(try metrics.collect().counterValue("c", attributes: ["k": "a"]) == Double(round))
        }
    }

    @Test func seriesAddedOrRemovedBetweenCollectionsShow() throws {
        let metrics = TestMetrics()
        let counter = try metrics.meter.counter("c")
        counter.add(1, attributes: ["k": "a"])
        #expect(try metrics.collect().series("c") == [["k": "a"]])
        counter.add(1, attributes: ["k": "b"])
        #expect(try metrics.collect().series("c") == [["k": "a"], ["k": "b"]])
        counter.removeSeries(["k": "a"])
        counter.add(5, attributes: ["k": "c"])
        let points = try metrics.collect().numberPoints("c")
        #expect(points.map(\.attributes) == [["k": "b"], ["k": "c"]])
        #expect(points.map(\.value) == [.int(1), .int(5)])
    }

    @Test func aSeriesRemovedAndStartedAgainBetweenCollectionsStartsFromZero() throws {
        let metrics = TestMetrics()
        let counter = try metrics.meter.counter("c")
        counter.add(7, attributes: ["k": "a"])
        let before = try #require(try metrics.collect().numberPoints("c").first)
        counter.removeSeries(["k": "a"])
        counter.add(2, attributes: ["k": "a"])
        let after = try #require(try metrics.collect().numberPoints("c").first)
        #expect(after.value == .int(2))
        #expect(after.startTime > before.startTime)
    }

    @Test func exemplarsComeAndGoWithTheirCollection() throws {
        let metrics = TestMetrics(exemplarFilter: .alwaysOn)
        let counter = try metrics.meter.counter("c")
        counter.add(1)
        #expect(try metrics.collect().exemplars("c").count == 1)
        #expect(try metrics.collect().exemplars("c").count == 1, "cumulative points keep the latest exemplar")
        counter.add(3)
        #expect(try metrics.collect().exemplars("c").first?.value == .int(3))
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
        #expect(try heldByFirst.counterValue("c") == 1)
        #expect(try fromSecond.counterValue("c") == 2)
        #expect(try againFromFirst.counterValue("c") == 3)
    }
}
