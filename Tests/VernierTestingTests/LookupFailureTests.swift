import Testing
import Vernier
import VernierTesting

@Suite struct LookupFailureTests {
    let metrics = TestMetrics()

    @Test func aMissingMetricNamesTheMetricsPresent() throws {
        let meter = metrics.meter("lookup")
        try meter.counter("shop.orders").add(1)
        try meter.histogram("shop.checkout.duration").record(1)
        let error = #expect(throws: MetricLookupError.self) { try metrics.collect().counterValue("shop.order") }
        #expect(error?.description == "no metric \"shop.order\"; the snapshot has: shop.checkout.duration (histogram), shop.orders (counter)")
    }

    @Test func anEmptySnapshotSaysSo() {
        let error = #expect(throws: MetricLookupError.self) { try metrics.collect().gaugeValue("temperature") }
        #expect(error?.description == "no metric \"temperature\": the snapshot has no metrics")
    }

    @Test func anotherKindIsNamed() throws {
        try metrics.meter("lookup").upDownCounter("active").add(1)
        let error = #expect(throws: MetricLookupError.self) { try metrics.collect().counterValue("active") }
        #expect(error == .wrongKind(name: "active", expected: .counter, found: .upDownCounter))
        #expect(error?.description == "\"active\" is an up-down counter, not a counter")
    }

    @Test func aMissingSeriesListsTheAttributeSetsPresent() throws {
        let counter = try metrics.meter("lookup").counter("orders")
        counter.add(1, attributes: ["payment.method": "card", "retry": 1])
        counter.add(1)
        let error = #expect(throws: MetricLookupError.self) {
            try metrics.collect().counterValue("orders", attributes: ["payment.method": "card", "retry": "1"])
        }
        #expect(error?.description == """
            "orders" (counter) has no series {payment.method="card", retry="1"}; it has: {payment.method="card", retry=1}, {}
            """)
    }
}
