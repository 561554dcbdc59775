import Testing
@testable import Vernier

@Suite struct InstrumentTests {
    @Test func counterSumsPerAttributeSet() throws {
        let harness = Harness()
        let orders = try harness.meter.counter("shop.orders", unit: "{order}", description: "Orders placed")
        orders.add(1, attributes: ["payment.method": "card"])
        orders.add(2, attributes: ["payment.method": "card"])
        orders.add(5, attributes: ["payment.method": "cash"])
        let metric = try #require(harness.metric("shop.orders"))
        #expect(metric.unit == "{order}")
        #expect(metric.description == "Orders placed")
        #expect(metric.value(["payment.method": "card"]) == 3)
        #expect(metric.value(["payment.method": "cash"]) == 5)
        guard case .sum(let sum) = metric.data else { Issue.record("not a sum"); return }
        #expect(sum.isMonotonic)
        #expect(sum.temporality == .cumulative)
        #expect(sum.points.allSatisfy { if case .int = $0.value { true } else { false } })
    }

    @Test func boundCounterAddsToTheSameSeries() throws {
        let harness = Harness()
        let counter = try harness.meter.counter("bytes", unit: "By", valueType: Double.self)
        let bound = counter.bind(["direction": "in"])
        for _ in 0..<1000 { bound.add(0.5) }
        counter.add(1, attributes: ["direction": "in"])
        #expect(harness.metric("bytes")?.value(["direction": "in"]) == 501)
    }

    @Test func upDownCounterGoesBothWays() throws {
        let harness = Harness()
        let active = try harness.meter.upDownCounter("shop.checkouts.active").bind()
        active.add(5)
        active.add(-3)
        let metric = try #require(harness.metric("shop.checkouts.active"))
        #expect(metric.value() == 2)
        guard case .sum(let sum) = metric.data else { Issue.record("not a sum"); return }
        #expect(!sum.isMonotonic)
    }

    @Test func gaugeKeepsTheLastValue() throws {
        let harness = Harness()
        let gauge = try harness.meter.gauge("room.temperature", unit: "Cel")
        gauge.record(20.5)
        gauge.record(21.5)
        let metric = try #require(harness.metric("room.temperature"))
        guard case .gauge = metric.data else { Issue.record("not a gauge"); return }
        #expect(metric.value() == 21.5)
    }

    @Test func histogramCountsBucketsSumMinAndMax() throws {
        let harness = Harness()
        let latency = try harness.meter.histogram("latency", unit: "s", boundaries: [0.1, 0.5, 1])
        for value in [0.05, 0.1, 0.3, 0.7, 2.0] { latency.record(value) }
        let point = try #require(harness.metric("latency")?.histogramPoints.first)
        #expect(point.boundaries == [0.1, 0.5, 1])
        #expect(point.bucketCounts == [2, 1, 1, 1])
        #expect(point.count == 5)
        #expect(abs(point.sum - 3.15) < 1e-9)
        #expect(point.min == 0.05)
        #expect(point.max == 2.0)
    }

    @Test func histogramWithoutBoundariesUsesTheOpenTelemetryDefaults() throws {
        let harness = Harness()
        try harness.meter.histogram("size", unit: "By").record(7)
        let point = try #require(harness.metric("size")?.histogramPoints.first)
        #expect(point.boundaries == [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000])
        #expect(point.bucketCounts[2] == 1)
    }

    @Test func observableInstrumentsReportAtCollectionAndCanBeUnregistered() throws {
        let harness = Harness()
        let registration = try harness.meter.observableGauge("shop.inventory.level", unit: "{item}") { (observer: Observer<Int>) in
            observer.observe(42, attributes: ["sku": "A"])
            observer.observe(7, attributes: ["sku": "B"])
        }
        try harness.meter.observableCounter("process.cpu.time", unit: "s") { (observer: Observer<Double>) in
            observer.observe(1.5)
        }
        let snapshot = harness.collect()
        #expect(harness.metric("shop.inventory.level", in: snapshot)?.value(["sku": "A"]) == 42)
        #expect(harness.metric("process.cpu.time", in: snapshot)?.value() == 1.5)
        registration.unregister()
        #expect(harness.metric("shop.inventory.level") == nil)
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
        let harness = Harness()
        try harness.meter.counter("b.second").add(1)
        try harness.meter.counter("a.first").add(1)
        try harness.provider.meter("other", version: "2").counter("c.third").add(1)
        let snapshot = harness.collect()
        let scope = try #require(snapshot.scopes.first { $0.scope.name == "test.scope" })
        #expect(scope.scope.version == "1.0")
        #expect(scope.metrics.map(\.name) == ["a.first", "b.second"])
        #expect(snapshot.scopes.contains { $0.scope.name == "other" && $0.scope.version == "2" })
        #expect(snapshot.resource.attributes["service.name"] == "test")
    }
}

@Suite struct SeriesRemovalTests {
    @Test func aRemovedSeriesDisappearsAndRestartsFromZero() throws {
        let harness = Harness()
        let counter = try harness.meter.counter("c")
        let histogram = try harness.meter.histogram("h")
        for index in 0..<50 {
            counter.add(index, attributes: ["k": .int(Int64(index))])
            histogram.record(1, attributes: ["k": .int(Int64(index))])
        }
        for index in stride(from: 0, to: 50, by: 2) {
            counter.removeSeries(["k": .int(Int64(index))])
            histogram.removeSeries(["k": .int(Int64(index))])
        }
        let snapshot = harness.collect()
        let counted = try #require(harness.metric("c", in: snapshot))
        #expect(counted.numberPoints.count == 25)
        for index in stride(from: 1, to: 50, by: 2) {
            #expect(counted.value(["k": .int(Int64(index))]) == Double(index))
        }
        #expect(harness.metric("h", in: snapshot)?.histogramPoints.count == 25)
        counter.add(1, attributes: ["k": 4])
        #expect(harness.metric("c")?.value(["k": 4]) == 1)
    }
}
