import Vernier

/// Hand-built snapshots with known values, times and exemplars.
enum SnapshotFixtures {
    static let start = Timestamp(nanosecondsSinceEpoch: 1_700_000_000_000_000_000)
    static let time = Timestamp(nanosecondsSinceEpoch: 1_700_000_060_123_000_000)
    static let exemplarTime = Timestamp(nanosecondsSinceEpoch: 1_700_000_059_500_000_000)
    static let traceID = TraceID(hex: "5b8efff798038103d269b633813fc60c")!
    static let spanID = SpanID(hex: "eee19b7ec3c1b174")!

    static let resource = Resource(attributes: [
        "service.name": "shop", "service.namespace": "retail", "service.instance.id": "shop-1", "host.name": "box",
    ])

    static func snapshot(_ metrics: [Metric], resource: Resource = resource) -> MetricsSnapshot {
        MetricsSnapshot(resource: resource, scopes: [
            ScopeMetrics(scope: InstrumentationScope(name: "shop.checkout", version: "1.2.0"), metrics: metrics),
        ])
    }

    static func counter(_ name: String = "shop.orders", unit: String = "{order}", points: [NumberPoint]) -> Metric {
        Metric(name: name, description: "Orders placed", unit: unit,
               data: .sum(.init(temporality: .cumulative, isMonotonic: true, points: points)))
    }

    static func gauge(_ name: String = "room.temperature", unit: String = "Cel", value: Double, attributes: Attributes = .empty) -> Metric {
        Metric(name: name, description: "Room temperature", unit: unit, data: .gauge(.init(points: [
            NumberPoint(attributes: attributes, startTime: start, time: time, value: .double(value)),
        ])))
    }

    static func point(_ value: Int64, _ attributes: Attributes, exemplars: [Exemplar] = []) -> NumberPoint {
        NumberPoint(attributes: attributes, startTime: start, time: time, value: .int(value), exemplars: exemplars)
    }

    static func exemplar(_ value: Double) -> Exemplar {
        Exemplar(time: exemplarTime, value: .double(value), traceID: traceID, spanID: spanID)
    }

    /// Latency in seconds with buckets 0.1, 0.5, 1, 5: counts 1, 2, 1, 1, 0 and an exemplar at 0.42.
    static func histogram() -> Metric {
        Metric(name: "shop.checkout.duration", description: "Checkout latency", unit: "s", data: .histogram(.init(
            temporality: .cumulative, points: [
                HistogramPoint(
                    attributes: ["payment.method": "card"], startTime: start, time: time, count: 5, sum: 3.97,
                    min: 0.05, max: 2.5, boundaries: [0.1, 0.5, 1, 5], bucketCounts: [1, 2, 1, 1, 0],
                    exemplars: [exemplar(0.42)]),
            ])))
    }

    /// Latency in seconds at scale 10, finer than native histograms allow: six measurements, one of them in
    /// the zero bucket and one negative, and an exemplar at 3.
    static func exponentialHistogram() -> Metric {
        Metric(name: "shop.latency", description: "Latency", unit: "s", data: .exponentialHistogram(.init(
            temporality: .cumulative, points: [
                ExponentialHistogramPoint(
                    attributes: ["route": "/a"], startTime: start, time: time, count: 6, sum: 9.5, min: -1, max: 4,
                    scale: 10, zeroCount: 1, positive: .init(offset: 0, counts: [1, 2, 0, 0, 1]), negative: .init(offset: -2, counts: [1]),
                    exemplars: [exemplar(3)]),
            ])))
    }
}
