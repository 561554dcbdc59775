import Testing
@testable import Vernier
import VernierTesting

@Suite struct InstrumentTests {
    @Test func counterSumsPerAttributeSet() throws {
        let metrics = TestMetrics()
        let orders = try metrics.meter.counter("shop.orders", unit: "{order}", description: "Orders placed")
        orders.add(1, attributes: ["payment.method": "card"])
        orders.add(2, attributes: ["payment.method": "card"])
        orders.add(5, attributes: ["payment.method": "cash"])
        let snapshot = metrics.collect()
        let metric = try snapshot.metric(named: "shop.orders")
        #expect(metric.unit == "{order}")
        #expect(metric.description == "Orders placed")
        #expect(try snapshot.counterValue("shop.orders", attributes: ["payment.method": "card"]) == 3)
        #expect(try snapshot.counterValue("shop.orders", attributes: ["payment.method": "cash"]) == 5)
        guard case .sum(let sum) = metric.data else { Issue.record("not a sum"); return }
        #expect(sum.isMonotonic)
        #expect(sum.temporality == .cumulative)
        #expect(sum.points.allSatisfy { if case .int = $0.value { true } else { false } })
    }

    @Test func boundCounterAddsToTheSameSeries() throws {
        let metrics = TestMetrics()
        let counter = try metrics.meter.counter("bytes", unit: "By", valueType: Double.self)
        let bound = counter.bind(["direction": "in"])
        for _ in 0..<1000 { bound.add(0.5) }
        counter.add(1, attributes: ["direction": "in"])
        #expect(try metrics.collect().counterValue("bytes", attributes: ["direction": "in"]) == 501)
    }

    @Test func upDownCounterGoesBothWays() throws {
        let metrics = TestMetrics()
        let active = try metrics.meter.upDownCounter("shop.checkouts.active").bind()
        active.add(5)
        active.add(-3)
        #expect(try metrics.collect().upDownCounterValue("shop.checkouts.active") == 2)
    }

    @Test func gaugeKeepsTheLastValue() throws {
        let metrics = TestMetrics()
        let gauge = try metrics.meter.gauge("room.temperature", unit: "Cel")
        gauge.record(20.5)
        gauge.record(21.5)
        #expect(try metrics.collect().gaugeValue("room.temperature") == 21.5)
    }

    @Test func histogramCountsBucketsSumMinAndMax() throws {
        let metrics = TestMetrics()
        let latency = try metrics.meter.histogram("latency", unit: "s", boundaries: [0.1, 0.5, 1])
        for value in [0.05, 0.1, 0.3, 0.7, 2.0] { latency.record(value) }
        let point = try metrics.collect().histogram("latency")
        #expect(point.boundaries == [0.1, 0.5, 1])
        #expect(point.bucketCounts == [2, 1, 1, 1])
        #expect(point.count == 5)
        #expect(abs(point.sum - 3.15) < 1e-9)
        #expect(point.min == 0.05)
        #expect(point.max == 2.0)
    }

    @Test func histogramWithoutBoundariesUsesTheOpenTelemetryDefaults() throws {
        let metrics = TestMetrics()
        try metrics.meter.histogram("size", unit: "By").record(7)
        let point = try metrics.collect().histogram("size")
        #expect(point.boundaries == [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000])
        #expect(point.bucketCounts[2] == 1)
    }

    @Test func observableInstrumentsReportAtCollectionAndCanBeUnregistered() throws {
        let metrics = TestMetrics()
        let registration = try metrics.meter.observableGauge("shop.inventory.level", unit: "{item}") { (observer: Observer<Int>) in
            observer.observe(42, attributes: ["sku": "A"])
            observer.observe(7, attributes: ["sku": "B"])
        }
        try metrics.meter.observableCounter("process.cpu.time", unit: "s") { (observer: Observer<Double>) in
            observer.observe(1.5)
        }
        let snapshot = metrics.collect()
        #expect(try snapshot.gaugeValue("shop.inventory.level", attributes: ["sku": "A"]) == 42)
        #expect(try snapshot.counterValue("process.cpu.time") == 1.5)
        registration.unregister()
        #expect(throws: MetricLookupError.self) { try metrics.collect().metric(named: "shop.inventory.level") }
    }

    @Test func instrumentsSayWhetherTheyRecord() throws {
        let idle = MeterProvider(resource: Resource(attributes: .empty)).meter("idle")
        #expect(try !idle.counter("a").isEnabled && !idle.histogram("b").isEnabled)
        #expect(try !idle.upDownCounter("c").isEnabled && !idle.gauge("d").isEnabled)
        let metrics = TestMetrics(views: [View.drop(instrumentName: "dropped.*")])
        #expect(try metrics.meter.counter("kept").isEnabled && metrics.meter.histogram("kept.histogram").isEnabled)
        #expect(try metrics.meter.upDownCounter("kept.level").isEnabled && metrics.meter.gauge("kept.gauge").isEnabled)
        #expect(try !metrics.meter.counter("dropped.count").isEnabled && !metrics.meter.histogram("dropped.histogram").isEnabled)
    }

    @Test func aProviderWithoutReadersRecordsNothingAndStillValidates() throws {
        let provider = MeterProvider(resource: Resource(attributes: .empty))
        let meter = provider.meter("idle")
        let counter = try meter.counter("idle.count")
        counter.bind().add(1)
        counter.add(1, attributes: ["a": 1])
        #expect(throws: VernierError.self) { try meter.counter("9bad") }
    }

    @Test func snapshotsGroupMetricsByScopeSortedByName() throws {
        let metrics = TestMetrics()
        try metrics.meter.counter("b.second").add(1)
        try metrics.meter.counter("a.first").add(1)
        try metrics.provider.meter("other", version: "2").counter("c.third").add(1)
        let snapshot = metrics.collect()
        let scope = try #require(snapshot.scopes.first { $0.scope.name == "test.scope" })
        #expect(scope.scope.version == "1.0")
        #expect(scope.metrics.map(\.name) == ["a.first", "b.second"])
        #expect(snapshot.scopes.contains { $0.scope.name == "other" && $0.scope.version == "2" })
        #expect(snapshot.resourceMetrics.map(\.resource.attributes["service.name"]) == ["test"])
    }
}

@Suite struct SeriesRemovalTests {
    @Test func aRemovedSeriesDisappearsAndRestartsFromZero() throws {
        let metrics = TestMetrics()
        let counter = try metrics.meter.counter("c")
        let histogram = try metrics.meter.histogram("h")
        for index in 0..<50 {
            counter.add(index, attributes: ["k": .int(Int64(index))])
            histogram.record(1, attributes: ["k": .int(Int64(index))])
        }
        for index in stride(from: 0, to: 50, by: 2) {
            counter.removeSeries(["k": .int(Int64(index))])
            histogram.removeSeries(["k": .int(Int64(index))])
        }
        let snapshot = metrics.collect()
        #expect(try snapshot.series("c").count == 25)
        for index in stride(from: 1, to: 50, by: 2) {
            #expect(try snapshot.counterValue("c", attributes: ["k": .int(Int64(index))]) == Double(index))
        }
        #expect(try snapshot.series("h").count == 25)
        counter.add(1, attributes: ["k": 4])
        #expect(try metrics.collect().counterValue("c", attributes: ["k": 4]) == 1)
    }
}
