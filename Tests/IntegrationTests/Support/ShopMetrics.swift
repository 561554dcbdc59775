import ServiceContextModule
import Vernier

/// A provider with one instrument of each kind, fed known measurements, for tests that check what real
/// peers read back.
struct ShopMetrics {
    static let traceID = TraceID(hex: "5b8efff798038103d269b633813fc60c")!
    static let spanID = SpanID(hex: "eee19b7ec3c1b174")!
    static let oddLabel = "quote \" backslash \\ newline \n snow ☃"

    let reader = PullMetricReader()
    let provider: MeterProvider
    let orders: Counter<Int>
    let latency: Histogram<Double>

    init() throws {
        provider = MeterProvider(
            resource: Resource(serviceName: "shop", serviceInstanceID: "shop-1"),
            readers: [reader], exemplarFilter: .traceBased
        )
        let meter = provider.meter("shop.checkout", version: "1.2.0")
        orders = try meter.counter("shop.orders", unit: "{order}", description: "Orders placed")
        let revenue = try meter.counter("shop.revenue", unit: "USD", description: "Revenue", valueType: Double.self)
        let active = try meter.upDownCounter("shop.checkouts.active", unit: "{checkout}", description: "Checkouts in progress")
        latency = try meter.histogram("shop.checkout.duration", unit: "s", description: "Checkout latency", boundaries: [0.1, 0.5, 1, 5])
        let temperature = try meter.gauge("room.temperature", unit: "Cel", description: "Room temperature")
        try meter.observableGauge("shop.inventory.level", unit: "{item}", description: "Items in stock", valueType: Int.self) { observer in
            observer.observe(42, attributes: ["sku": "A-1"])
        }

        orders.add(3, attributes: ["payment.method": "card", "note": .string(Self.oddLabel)])
        orders.add(1, attributes: ["payment.method": "cash"])
        revenue.add(12.5)
        active.add(2)
        active.add(-1)
        temperature.record(21.5)
        for value in [0.05, 0.3, 0.3, 0.7, 2.5] {
            latency.record(value, attributes: ["payment.method": "card"])
        }
        recordTraced(0.42)
    }

    /// Records a latency inside a sampled span, so that the histogram keeps an exemplar with its ids.
    func recordTraced(_ value: Double) {
        var context = ServiceContext.topLevel
        context.spanIdentity = SpanIdentity(traceID: Self.traceID, spanID: Self.spanID, isSampled: true)
        ServiceContext.withValue(context) {
            latency.record(value, attributes: ["payment.method": "card"])
            orders.add(1, attributes: ["payment.method": "card", "note": .string(Self.oddLabel)])
        }
    }
}
