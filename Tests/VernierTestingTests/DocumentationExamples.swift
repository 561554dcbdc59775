import ServiceContextModule
import Testing
import Vernier
import VernierTesting
import XCTest

// The code samples of the VernierTesting catalog, each exactly as the articles show it.
// `DocumentationExamplesMatchTests` fails when an article and this file drift apart.

@Test func countsOrdersByPaymentMethod() throws {
    let metrics = TestMetrics()
    let orders = try metrics.meter("shop.checkout").counter("shop.orders", unit: "{order}")
    orders.add(2, attributes: ["payment.method": "card"])
    orders.add(1, attributes: ["payment.method": "cash"])
    let snapshot = metrics.collect()
    #expect(try snapshot.counterValue("shop.orders", attributes: ["payment.method": "card"]) == 2)
    #expect(try snapshot.counterValue("shop.orders", attributes: ["payment.method": "cash"]) == 1)
}

@Test func timesCheckouts() throws {
    let metrics = TestMetrics()
    let duration = try metrics.meter("shop.checkout").histogram("shop.checkout.duration", unit: "s", boundaries: [0.5, 1])
    duration.record(0.25)
    duration.record(2)
    let point = try metrics.collect().histogram("shop.checkout.duration")
    #expect(point.count == 2)
    #expect(point.sum == 2.25)
    #expect(point.bucketCounts == [1, 0, 1])
}

final class CheckoutMetricsTests: XCTestCase {
    func testActiveCheckouts() throws {
        let metrics = TestMetrics()
        let active = try metrics.meter("shop.checkout").upDownCounter("shop.checkouts.active")
        active.add(3)
        active.add(-1)
        XCTAssertEqual(try metrics.collect().upDownCounterValue("shop.checkouts.active"), 2)
    }
}

@Test func linksLatencyToTheTrace() throws {
    let metrics = TestMetrics()
    let duration = try metrics.meter("shop.checkout").histogram("shop.checkout.duration", unit: "s")
    let traceID = try #require(TraceID(hex: "4bf92f3577b34da6a3ce929d0e0e4736"))
    let spanID = try #require(SpanID(hex: "00f067aa0ba902b7"))
    var context = ServiceContext.topLevel
    context.spanIdentity = SpanIdentity(traceID: traceID, spanID: spanID, isSampled: true)
    ServiceContext.withValue(context) { duration.record(0.3) }
    let exemplar = try #require(try metrics.collect().exemplars("shop.checkout.duration").first)
    #expect(exemplar.traceID == traceID)
    #expect(exemplar.spanID == spanID)
    #expect(exemplar.value == .double(0.3))
}

@Test func exportsDeltas() async throws {
    let exporter = InMemoryMetricExporter(temporalityPreference: .delta)
    let reader = PeriodicMetricReader(exporter: exporter, interval: .seconds(60))
    let provider = MeterProvider(resource: Resource(serviceName: "shop"), readers: [reader])
    let orders = try provider.meter("shop.checkout").counter("shop.orders")
    orders.add(2)
    await provider.forceFlush()
    orders.add(3)
    await provider.forceFlush()
    #expect(try exporter.snapshots.map { try $0.counterValue("shop.orders") } == [2, 3])
}
