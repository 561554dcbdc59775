import Vernier

/// A hand-made snapshot covering every kind of metric, odd label values, exemplars and the cases a scrape
/// must leave out.
enum ShopSnapshot {
    static let start = Timestamp(nanosecondsSinceEpoch: 1_700_000_000_000_000_000)
    static let now = Timestamp(nanosecondsSinceEpoch: 1_700_000_060_250_000_000)
    static let exemplarTime = Timestamp(nanosecondsSinceEpoch: 1_700_000_042_123_456_789)
    static let traceID = TraceID(hex: "4bf92f3577b34da6a3ce929d0e0e4736")!
    static let spanID = SpanID(hex: "00f067aa0ba902b7")!
    static let oddValue = "say \"hi\"\\ then\nZürich ☃"

    static var snapshot: MetricsSnapshot {
        MetricsSnapshot(
            resource: Resource(attributes: ["service.name": "shop", "service.instance.id": "i-1"]),
            scopes: [
                ScopeMetrics(scope: InstrumentationScope(name: "shop.checkout", version: "1.2.0"), metrics: [
                    orders, revenue, activeCheckouts, checkoutDuration, exponentialLatency, deltaRequests,
                ]),
                ScopeMetrics(scope: InstrumentationScope(name: "host"), metrics: [cpuUtilization, conflictingOrders]),
            ]
        )
    }

    static let orders = Metric(name: "shop.orders", description: "Orders placed", unit: "{order}", data: .sum(.init(
        temporality: .cumulative, isMonotonic: true,
        points: [
            NumberPoint(attributes: ["payment.method": "card", "note": .string(oddValue)], startTime: start, time: now, value: .int(3),
                        exemplars: [Exemplar(time: exemplarTime, value: .int(1), traceID: traceID, spanID: spanID)]),
            NumberPoint(attributes: ["payment.method": "cash"], startTime: start, time: now, value: .int(1)),
        ]
    )))

    static let revenue = Metric(name: "shop.revenue", description: "Revenue", unit: "USD", data: .sum(.init(
        temporality: .cumulative, isMonotonic: true,
        points: [NumberPoint(attributes: .empty, startTime: start, time: now, value: .double(12.5))]
    )))

    static let activeCheckouts = Metric(name: "shop.checkouts.active", description: "Checkouts in progress", unit: "{checkout}", data: .sum(.init(
        temporality: .cumulative, isMonotonic: false,
        points: [NumberPoint(attributes: .empty, startTime: start, time: now, value: .int(-2))]
    )))

    static let checkoutDuration = Metric(name: "shop.checkout.duration", description: "Checkout latency", unit: "s", data: .histogram(.init(
        temporality: .cumulative,
        points: [HistogramPoint(
            attributes: ["payment.method": "card"], startTime: start, time: now, count: 4, sum: 2.85, min: 0.05, max: 2.0,
            boundaries: [0.1, 0.5, 1], bucketCounts: [1, 2, 0, 1],
            exemplars: [
                Exemplar(time: exemplarTime, value: .double(0.3), traceID: traceID, spanID: spanID),
                Exemplar(filteredAttributes: ["user.id": "u-42"], time: exemplarTime, value: .double(0.45), traceID: traceID, spanID: spanID),
                Exemplar(time: exemplarTime, value: .double(2.0), traceID: traceID, spanID: spanID),
            ]
        )]
    )))

    static let exponentialLatency = Metric(name: "shop.latency", description: "Latency", unit: "s", data: .exponentialHistogram(.init(
        temporality: .cumulative,
        points: [ExponentialHistogramPoint(
            attributes: .empty, startTime: start, time: now, count: 1, sum: 1, min: 1, max: 1, scale: 0, zeroCount: 0,
            positive: .init(offset: 0, counts: [1]), negative: .init(offset: 0, counts: [])
        )]
    )))

    static let deltaRequests = Metric(name: "shop.requests", description: "Requests", unit: "", data: .sum(.init(
        temporality: .delta, isMonotonic: true,
        points: [NumberPoint(attributes: .empty, startTime: start, time: now, value: .int(5))]
    )))

    static let cpuUtilization = Metric(name: "system.cpu.utilization", description: "CPU in use,\nas a \\fraction\\", unit: "1", data: .gauge(.init(
        points: [
            NumberPoint(attributes: ["cpu": 1], startTime: start, time: now, value: .double(0.25)),
            NumberPoint(attributes: ["cpu": 0], startTime: start, time: now, value: .double(.nan)),
        ]
    )))

    static let conflictingOrders = Metric(name: "shop_orders", description: "Orders as a gauge", unit: "", data: .gauge(.init(
        points: [NumberPoint(attributes: .empty, startTime: start, time: now, value: .int(7))]
    )))
}
