import Testing
@testable import Vernier

@Suite struct ViewTests {
    @Test func aViewRenamesAndDescribes() throws {
        let harness = Harness(views: [View(instrumentName: "old.name", name: "new.name", description: "renamed")])
        try harness.meter.counter("old.name").add(1)
        let metric = try #require(harness.metric("new.name"))
        #expect(metric.description == "renamed")
        #expect(harness.metric("old.name") == nil)
    }

    @Test func aViewKeepsOnlySomeAttributeKeys() throws {
        let harness = Harness(views: [View(instrumentName: "http.*", attributeKeys: ["route"])])
        let counter = try harness.meter.counter("http.requests")
        counter.add(1, attributes: ["route": "/a", "user": "1"])
        counter.add(1, attributes: ["route": "/a", "user": "2"])
        counter.bind(["route": "/b", "user": "3"]).add(1)
        let metric = try #require(harness.metric("http.requests"))
        #expect(metric.numberPoints.count == 2)
        #expect(metric.value(["route": "/a"]) == 2)
        #expect(metric.value(["route": "/b"]) == 1)
    }

    @Test func aViewDropsAnInstrument() throws {
        let harness = Harness(views: [.drop(instrumentName: "noisy.*")])
        try harness.meter.counter("noisy.thing").add(1)
        try harness.meter.counter("quiet.thing").add(1)
        #expect(harness.metric("noisy.thing") == nil)
        #expect(harness.metric("quiet.thing") != nil)
    }

    @Test func aViewChangesHistogramBoundariesAndAggregation() throws {
        let harness = Harness(views: [
            View(instrumentName: "explicit", aggregation: .explicitBucketHistogram(boundaries: [1, 2])),
            View(instrumentName: "exponential", aggregation: .base2ExponentialHistogram(maxSize: 20)),
        ])
        try harness.meter.histogram("explicit").record(1.5)
        try harness.meter.histogram("exponential").record(1.5)
        let snapshot = harness.collect()
        #expect(harness.metric("explicit", in: snapshot)?.histogramPoints.first?.bucketCounts == [0, 1, 0])
        #expect(harness.metric("exponential", in: snapshot)?.exponentialPoints.first?.count == 1)
    }

    @Test func twoMatchingViewsMakeTwoStreams() throws {
        let harness = Harness(views: [
            View(instrumentName: "latency", name: "latency.by_route", attributeKeys: ["route"]),
            View(instrumentName: "latency", name: "latency.total", attributeKeys: []),
        ])
        let histogram = try harness.meter.histogram("latency", boundaries: [1])
        histogram.record(0.5, attributes: ["route": "/a"])
        histogram.bind(["route": "/b"]).record(2)
        let snapshot = harness.collect()
        #expect(harness.metric("latency.by_route", in: snapshot)?.histogramPoints.count == 2)
        #expect(harness.metric("latency.total", in: snapshot)?.histogramPoints.first?.count == 2)
    }

    @Test func pastTheCardinalityLimitMeasurementsGoToTheOverflowSeries() throws {
        let harness = Harness(views: [View(instrumentName: "limited", cardinalityLimit: 4)])
        let counter = try harness.meter.counter("limited")
        for user in 0..<10 { counter.add(1, attributes: ["user": .int(Int64(user))]) }
        let snapshot = harness.collect()
        let metric = try #require(harness.metric("limited", in: snapshot))
        #expect(metric.numberPoints.count == 4)
        #expect(metric.value(["otel.metric.overflow": true]) == 7)
        #expect(metric.numberPoints.reduce(0) { $0 + $1.value.doubleValue } == 10)
        #expect(harness.metric("vernier.sdk.cardinality.overflows", in: snapshot)?.value(["instrument": "limited"]) == 7)
    }

    @Test func theDefaultCardinalityLimitIsTwoThousand() throws {
        let harness = Harness()
        let counter = try harness.meter.counter("wide")
        for user in 0..<2500 { counter.add(1, attributes: ["user": .int(Int64(user))]) }
        #expect(harness.metric("wide")?.numberPoints.count == 2000)
    }

    @Test func wildcardsMatchNames() {
        let scope = InstrumentationScope(name: "s")
        let descriptor = InstrumentDescriptor(name: "http.server.duration", kind: .histogram, unit: "s", description: "", valueType: "Double")
        #expect(View(instrumentName: "http.*").matches(descriptor, scope: scope))
        #expect(View(instrumentName: "http.?erver.*").matches(descriptor, scope: scope))
        #expect(!View(instrumentName: "http.client.*").matches(descriptor, scope: scope))
        #expect(!View(instrumentName: "*", instrumentKind: .counter).matches(descriptor, scope: scope))
        #expect(!View(meterName: "other").matches(descriptor, scope: scope))
    }
}
