import CVernierRuntimeShims
import ServiceContextModule
import Testing
@testable import Vernier
import VernierTesting

@Suite struct ViewTests {
    @Test func aViewRenamesAndDescribes() throws {
        let metrics = TestMetrics(views: [View(instrumentName: "old.name", name: "new.name", description: "renamed")])
        try metrics.meter.counter("old.name").add(1)
        let metric = try metrics.collect().metric(named: "new.name")
        #expect(metric.description == "renamed")
        #expect(throws: MetricLookupError.self) { try metrics.collect().metric(named: "old.name") }
    }

    @Test func aViewKeepsOnlySomeAttributeKeys() throws {
        let metrics = TestMetrics(views: [View(instrumentName: "http.*", attributeKeys: ["route"])])
        let counter = try metrics.meter.counter("http.requests")
        counter.add(1, attributes: ["route": "/a", "user": "1"])
        counter.add(1, attributes: ["route": "/a", "user": "2"])
        counter.bind(["route": "/b", "user": "3"]).add(1)
        let snapshot = metrics.collect()
        #expect(try snapshot.series("http.requests").count == 2)
        #expect(try snapshot.counterValue("http.requests", attributes: ["route": "/a"]) == 2)
        #expect(try snapshot.counterValue("http.requests", attributes: ["route": "/b"]) == 1)
    }

    @Test func aViewDropsAnInstrument() throws {
        let metrics = TestMetrics(views: [.drop(instrumentName: "noisy.*")])
        try metrics.meter.counter("noisy.thing").add(1)
        try metrics.meter.counter("quiet.thing").add(1)
        #expect(throws: MetricLookupError.self) { try metrics.collect().metric(named: "noisy.thing") }
        #expect(try metrics.collect().counterValue("quiet.thing") == 1)
    }

    @Test func aViewChangesHistogramBoundariesAndAggregation() throws {
        let metrics = TestMetrics(views: [
            View(instrumentName: "explicit", aggregation: .explicitBucketHistogram(boundaries: [1, 2])),
            View(instrumentName: "exponential", aggregation: .base2ExponentialHistogram(maxSize: 20)),
        ])
        try metrics.meter.histogram("explicit").record(1.5)
        try metrics.meter.histogram("exponential").record(1.5)
        let snapshot = metrics.collect()
        #expect(try snapshot.histogram("explicit").bucketCounts == [0, 1, 0])
        #expect(try snapshot.exponentialHistogram("exponential").count == 1)
    }

    @Test func twoMatchingViewsMakeTwoStreams() throws {
        let metrics = TestMetrics(views: [
            View(instrumentName: "latency", name: "latency.by_route", attributeKeys: ["route"]),
            View(instrumentName: "latency", name: "latency.total", attributeKeys: []),
        ])
        let histogram = try metrics.meter.histogram("latency", boundaries: [1])
        histogram.record(0.5, attributes: ["route": "/a"])
        histogram.bind(["route": "/b"]).record(2)
        let snapshot = metrics.collect()
        #expect(try snapshot.series("latency.by_route").count == 2)
        #expect(try snapshot.histogram("latency.total").count == 2)
    }

    @Test func pastTheCardinalityLimitMeasurementsGoToTheOverflowSeries() throws {
        let metrics = TestMetrics(views: [View(instrumentName: "limited", cardinalityLimit: 4)])
        let counter = try metrics.meter.counter("limited")
        for user in 0..<10 { counter.add(1, attributes: ["user": .int(Int64(user))]) }
        let snapshot = metrics.collect()
        let series = try snapshot.series("limited")
        #expect(series.count == 4)
        #expect(try snapshot.counterValue("limited", attributes: ["otel.metric.overflow": true]) == 7)
        #expect(try snapshot.counterTotal("limited") == 10)
        #expect(try snapshot.counterValue("vernier.sdk.cardinality.overflows", attributes: ["instrument": "limited"]) == 7)
    }

    @Test func aMeasurementPastTheLimitInsideASampledSpanIsOneOverflow() throws {
        let sampled = ServiceContextSpanSource { _ in
            SpanIdentity(traceID: TraceID(hex: "4bf92f3577b34da6a3ce929d0e0e4736")!, spanID: SpanID(hex: "00f067aa0ba902b7")!, isSampled: true)
        }
        let reader = PullMetricReader()
        let provider = MeterProvider(resource: Resource(attributes: .empty), views: [View(instrumentName: "limited", cardinalityLimit: 4)],
                                     readers: [reader], exemplarFilter: .alwaysOn, exemplarSpanSource: sampled)
        let counter = try provider.meter("m").counter("limited")
        for user in 0..<10 { counter.add(1, attributes: ["user": .int(Int64(user))]) }
        let snapshot = reader.collect()
        #expect(try snapshot.counterValue("limited", attributes: ["otel.metric.overflow": true]) == 7)
        #expect(try snapshot.exemplars("limited", attributes: ["otel.metric.overflow": true]).isEmpty == false)
        #expect(try snapshot.counterValue("vernier.sdk.cardinality.overflows", attributes: ["instrument": "limited"]) == 7)
    }

    /// A million distinct values into one counter, with each exemplar filter (trace_based and always_on inside a
    /// sampled span): every measurement past the limit is counted once, and the heap stops growing once the
    /// limit is reached.
    @Test(arguments: [ExemplarFilter.traceBased, .alwaysOn, .alwaysOff])
    func aMillionDistinctValuesCountEachOverflowOnceInFlatMemory(filter: ExemplarFilter) throws {
        let reader = PullMetricReader()
        let provider = MeterProvider(
            resource: Resource(attributes: .empty), views: [View(instrumentName: "wide", cardinalityLimit: 100)],
            readers: [reader], exemplarFilter: filter)
        let counter = try provider.meter("m").counter("wide")
        var context = ServiceContext.topLevel
        context.spanIdentity = SpanIdentity(traceID: TraceID(high: 1, low: 2), spanID: SpanID(3), isSampled: true)
        var heapAfterWarmUp = 0
        ServiceContext.withValue(context) {
            for user in 0..<1_000_000 {
                counter.add(1, attributes: ["user.id": .int(Int64(user))])
                if user == 200_000 {
                    _ = reader.collect()
                    heapAfterWarmUp = Self.heapInUse()
                }
            }
        }
        let snapshot = reader.collect()
        let growth = Self.heapInUse() - heapAfterWarmUp
        #expect(growth < 1 << 20, "the heap grew by \(growth) bytes over the last 800 000 values")
        #expect(try snapshot.series("wide").count == 100)
        #expect(try snapshot.counterValue("wide", attributes: ["otel.metric.overflow": true]) == 1_000_000 - 99)
        #expect(try snapshot.counterValue("vernier.sdk.cardinality.overflows", attributes: ["instrument": "wide"]) == 1_000_000 - 99)
    }

    /// Bytes of C heap in use, from glibc's `mallinfo2()`.
    private static func heapInUse() -> Int {
        var statistics = vernier_heap_statistics()
        _ = vernier_read_heap_statistics(&statistics)
        return Int(statistics.in_use)
    }

    @Test func aSeriesIdleForTheViewsCollectionsIsRemovedAndStartsAgainFromZero() throws {
        let metrics = TestMetrics(views: [
            View(instrumentName: "jobs", idleCollectionsBeforeRemoval: 2), View(instrumentName: "latency", idleCollectionsBeforeRemoval: 2),
        ])
        let jobs = try metrics.meter.counter("jobs")
        let latency = try metrics.meter.histogram("latency", boundaries: [1])
        jobs.add(5, attributes: ["job": "finished"])
        latency.record(0.5, attributes: ["client": "gone"])
        for round in 1...3 {
            jobs.add(1, attributes: ["job": "running"])
            latency.record(0.5, attributes: ["client": "here"])
            let snapshot = metrics.collect()
            // Seen unchanged in collections 2 and 3, so the third one removes it: its last report is in that collection.
            #expect(try snapshot.series("jobs").contains(["job": "finished"]), "round \(round)")
        }
        let afterRemoval = metrics.collect()
        #expect(try afterRemoval.series("jobs") == [["job": "running"]])
        #expect(try afterRemoval.series("latency") == [["client": "here"]])

        jobs.add(2, attributes: ["job": "finished"])
        #expect(try metrics.collect().counterValue("jobs", attributes: ["job": "finished"]) == 2, "a new series, from zero")
    }

    @Test func withoutTheViewOptionEverySeriesStays() throws {
        let metrics = TestMetrics()
        let jobs = try metrics.meter.counter("jobs")
        jobs.add(5, attributes: ["job": "finished"])
        for _ in 0..<5 { _ = metrics.collect() }
        #expect(try metrics.collect().counterValue("jobs", attributes: ["job": "finished"]) == 5)
    }

    @Test func theDefaultCardinalityLimitIsTwoThousand() throws {
        let metrics = TestMetrics()
        let counter = try metrics.meter.counter("wide")
        for user in 0..<2500 { counter.add(1, attributes: ["user": .int(Int64(user))]) }
        #expect(try metrics.collect().series("wide").count == 2000)
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
