import Testing
import Vernier

/// The README's "Metrics API" example, kept compiling and checked for what it promises.
@Suite struct ReadmeSnippetTests {
    @Test func theMetricsAPIExampleWorks() throws {
        let scrape = PullMetricReader()
        let provider = MeterProvider(
            resource: Resource(serviceName: "shop", serviceVersion: "1.2.0"),
            views: [
                View(instrumentName: "http.server.*", attributeKeys: ["http.route", "http.request.method"]),
                View(instrumentName: "shop.cart.value", aggregation: .base2ExponentialHistogram()),
            ],
            readers: [scrape]
        )
        let meter = provider.meter("shop.checkout", version: "1.2.0")

        let orders = try meter.counter("shop.orders", unit: "{order}", description: "Orders placed")
        let revenue = try meter.counter("shop.revenue", unit: "USD", valueType: Double.self)
        let inFlight = try meter.upDownCounter("shop.checkouts.active", unit: "{checkout}")
        let latency = try meter.histogram("shop.checkout.duration", unit: "s", boundaries: [0.01, 0.05, 0.1, 0.5, 1])
        let cartValue = try meter.histogram("shop.cart.value", unit: "USD")
        let temperature = try meter.gauge("shop.freezer.temperature", unit: "Cel")
        let inventory = try meter.observableGauge("shop.inventory.level", unit: "{item}") { (observer: Observer<Int>) in
            observer.observe(42, attributes: ["sku": "A-1"])
        }

        orders.add(1, attributes: ["payment.method": "card", "status": "paid"])
        revenue.add(19.99)
        let cardCheckouts = inFlight.bind(["payment.method": "card"])
        cardCheckouts.add(1)
        latency.record(0.042, attributes: ["payment.method": "card"])
        cartValue.record(57.5)
        temperature.record(-18.5)
        cardCheckouts.add(-1)

        let snapshot: MetricsSnapshot = scrape.collect()
        inventory.unregister()

        let names = Set(snapshot.metrics.map(\.name))
        #expect(names.isSuperset(of: [
            "shop.orders", "shop.revenue", "shop.checkouts.active", "shop.checkout.duration",
            "shop.cart.value", "shop.freezer.temperature", "shop.inventory.level",
        ]))
        let cart = snapshot.metrics.first { $0.name == "shop.cart.value" }
        guard case .exponentialHistogram = cart?.data else {
            Issue.record("the view should make shop.cart.value exponential")
            return
        }
        #expect(!scrape.collect().metrics.contains { $0.name == "shop.inventory.level" })
    }
}
