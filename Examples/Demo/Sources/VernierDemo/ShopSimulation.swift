import ServiceContextModule
import ServiceLifecycle
import Synchronization
import Vernier

/// A pretend shop taking checkouts until shutdown: each checkout is a traced span that records its latency
/// (with the span's ids as exemplar), its cart value, the order by payment method and status, and moves
/// stock, which an observable gauge reports. Shoppers also view products from a catalogue larger than the
/// `shop.product.views` cardinality limit, so the overflow series and its self-metric show up too.
final class ShopSimulation: Service, Sendable {
    private static let paymentMethods = ["card", "paypal", "invoice"]
    private static let skus = ["espresso-beans", "grinder", "milk-jug"]
    /// Product ids viewed; more than `productViewLimit`.
    private static let catalogueSize = 400
    /// The cardinality limit of `shop.product.views`, set by `productViewsView`.
    static let productViewLimit = 100
    /// Caps the series of `shop.product.views`, as a service should for an attribute with unbounded values.
    static let productViewsView = View(instrumentName: "shop.product.views", cardinalityLimit: productViewLimit)

    private let orders: Counter<Int>
    private let cartValue: Histogram<Double>
    private let activeCheckouts: UpDownCounter<Int>
    private let latency: Histogram<Double>
    private let productViews: Counter<Int>
    private let inventory = Inventory()

    init(meter: Meter) throws {
        orders = try meter.counter("shop.orders", unit: "{order}", description: "Orders by payment method and outcome")
        cartValue = try meter.histogram("shop.cart.value", unit: "USD", description: "Value of the cart at checkout",
                                        boundaries: [5, 10, 25, 50, 100, 250, 500])
        activeCheckouts = try meter.upDownCounter("shop.checkouts.active", unit: "{checkout}", description: "Checkouts in progress")
        latency = try meter.histogram("shop.checkout.duration", unit: "s", description: "Time to complete a checkout",
                                      boundaries: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1])
        productViews = try meter.counter("shop.product.views", unit: "{view}", description: "Product pages viewed, by product")
        try meter.observableGauge("shop.inventory.level", unit: "{item}", description: "Items in stock", valueType: Int.self) { [inventory] observer in
            for (sku, level) in inventory.levels {
                observer.observe(level, attributes: ["sku": .string(sku)])
            }
        }
    }

    func run() async throws {
        await withDiscardingTaskGroup { group in
            while !Task.isCancelled, !Task.isShuttingDownGracefully {
                group.addTask { await self.checkout() }
                try? await Task.sleep(for: .milliseconds(Int.random(in: 20...120)))
            }
        }
    }

    /// One checkout inside its own sampled span.
    private func checkout() async {
        var context = ServiceContext.topLevel
        context.spanIdentity = SpanIdentity(
            traceID: TraceID(high: .random(in: 1...UInt64.max), low: .random(in: 0...UInt64.max)),
            spanID: SpanID(.random(in: 1...UInt64.max)),
            isSampled: true
        )
        await ServiceContext.withValue(context) {
            activeCheckouts.add(1)
            productViews.add(1, attributes: ["product.id": .string("p-\(Int.random(in: 1...Self.catalogueSize))")])
            let started = ContinuousClock.now
            let method = Self.paymentMethods.randomElement()!
            try? await Task.sleep(for: .milliseconds(Int.random(in: 2...(method == "invoice" ? 600 : 150))))
            let sku = Self.skus.randomElement()!
            let status = inventory.take(sku) ? "completed" : "out_of_stock"
            orders.add(1, attributes: ["payment.method": .string(method), "status": .string(status)])
            if status == "completed" {
                cartValue.record(Double.random(in: 3...400).rounded(), attributes: ["payment.method": .string(method)])
            }
            let elapsed = ContinuousClock.now - started
            latency.record(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                           attributes: ["payment.method": .string(method)])
            activeCheckouts.add(-1)
        }
    }
}

/// The shop's stock per SKU, shared by checkouts and the inventory gauge.
final class Inventory: Sendable {
    private let stock = Mutex<[String: Int]>(["espresso-beans": 120, "grinder": 15, "milk-jug": 40])

    /// The level of every SKU now.
    var levels: [String: Int] {
        stock.withLock { $0 }
    }

    /// Takes one item; false when the shelf is empty, which now and then triggers a restock.
    func take(_ sku: String) -> Bool {
        stock.withLock { stock in
            let level = stock[sku, default: 0]
            if level == 0 {
                if Int.random(in: 0..<10) == 0 { stock[sku] = 50 }
                return false
            }
            stock[sku] = level - 1
            return true
        }
    }
}
