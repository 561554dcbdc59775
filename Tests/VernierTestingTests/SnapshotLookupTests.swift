import Testing
import Vernier
import VernierTesting

@Suite struct SnapshotLookupTests {
    let metrics = TestMetrics()

    @Test func readsEachKindBySeries() throws {
        let meter = metrics.meter("lookup")
        let orders = try meter.counter("orders")
        orders.add(3, attributes: ["payment.method": "card"])
        orders.add(5, attributes: ["payment.method": "cash"])
        try meter.upDownCounter("active").add(-2)
        try meter.gauge("temperature").record(21.5, attributes: ["room": 1])
        let snapshot = metrics.collect()
        #expect(try snapshot.counterValue("orders", attributes: ["payment.method": "card"]) == 3)
        #expect(try snapshot.counterValue("orders", attributes: ["payment.method": "cash"]) == 5)
        #expect(try snapshot.upDownCounterValue("active") == -2)
        #expect(try snapshot.gaugeValue("temperature", attributes: ["room": 1]) == 21.5)
        #expect(try snapshot.series("orders") == [["payment.method": "card"], ["payment.method": "cash"]])
        #expect(try snapshot.metric(named: "temperature").data.pointCount == 1)
    }

    @Test func readsExplicitHistograms() throws {
        let histogram = try metrics.meter("lookup").histogram("latency", boundaries: [1, 10])
        histogram.record(0.5, attributes: ["route": "/"])
        histogram.record(20, attributes: ["route": "/"])
        let point = try metrics.collect().histogram("latency", attributes: ["route": "/"])
        #expect(point.count == 2)
        #expect(point.sum == 20.5)
        #expect(point.bucketCounts == [1, 0, 1])
    }

    @Test func readsExponentialHistograms() throws {
        let exponential = TestMetrics(defaultHistogramAggregation: .base2ExponentialBucketHistogram)
        let histogram = try exponential.meter("lookup").histogram("latency")
        histogram.record(2)
        histogram.record(4)
        let point = try exponential.collect().exponentialHistogram("latency")
        #expect(point.count == 2)
        #expect(point.sum == 6)
    }

    @Test func readsExemplarsOfAnyKind() throws {
        let sampled = TestMetrics(exemplarFilter: .alwaysOn)
        try sampled.meter("lookup").counter("orders").add(4, attributes: ["payment.method": "card"])
        let exemplars = try sampled.collect().exemplars("orders", attributes: ["payment.method": "card"])
        #expect(exemplars.map(\.value) == [.int(4)])
    }

    @Test func totalsACounterOverTheSeriesChosen() throws {
        let dropped = try metrics.meter("lookup").counter("dropped")
        dropped.add(1)
        dropped.add(2, attributes: ["error.type": "timeout"])
        dropped.add(3, attributes: ["error.type": "refused"])
        let snapshot = metrics.collect()
        #expect(try snapshot.counterTotal("dropped") == 6)
        #expect(try snapshot.counterTotal("dropped") { $0["error.type"] != nil } == 5)
    }

    @Test func readsOneComponentsSelfMetricsByTheirOtherAttributes() throws {
        let sent = try metrics.meter("lookup").counter("sent")
        sent.add(1, attributes: ["otel.component.type": "exporter", "otel.component.name": "exporter/7", "error.type": "timeout"])
        sent.add(2, attributes: ["otel.component.type": "processor", "otel.component.name": "processor/0"])
        sent.add(4)
        let snapshot = metrics.collect()
        let exporter = snapshot.selfMetrics(of: "exporter")
        #expect(try exporter.series("sent") == [["error.type": "timeout"]])
        #expect(try exporter.counterValue("sent", attributes: ["error.type": "timeout"]) == 1)
        let anonymous = snapshot.removingAttributes(["otel.component.type", "otel.component.name"])
        #expect(try anonymous.series("sent").count == 3)
    }
}
