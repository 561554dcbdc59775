import Vernier

/// A snapshot with every point kind, exemplars, arrays and scope details, for the encoder tests.
enum SnapshotFixture {
    static let start = Timestamp(nanosecondsSinceEpoch: 1_700_000_000_000_000_000)
    static let time = Timestamp(nanosecondsSinceEpoch: 1_700_000_060_123_456_789)
    static let traceID = TraceID(hex: "0af7651916cd43dd8448eb211c80319c")!
    static let spanID = SpanID(hex: "b7ad6b7169203331")!

    static let exemplar = Exemplar(
        filteredAttributes: ["user.id": "u-17"], time: time, value: .double(0.42), traceID: traceID, spanID: spanID)

    static let snapshot = MetricsSnapshot(
        resource: Resource(attributes: ["service.name": "checkout", "service.instance.id": "pod-1", "host.cpus": 4]),
        scopes: [
            ScopeMetrics(
                scope: InstrumentationScope(name: "shop.checkout", version: "1.2.0", schemaURL: "https://opentelemetry.io/schemas/1.26.0",
                                            attributes: ["scope.flag": true]),
                metrics: [
                    Metric(name: "shop.orders", description: "Orders placed.", unit: "{order}", data: .sum(.init(
                        temporality: .cumulative, isMonotonic: true,
                        points: [NumberPoint(attributes: ["payment.method": "card"], startTime: start, time: time, value: .int(42),
                                             exemplars: [Exemplar(time: time, value: .int(3), traceID: traceID, spanID: spanID)])]))),
                    Metric(name: "shop.queue.depth", description: "", unit: "{item}", data: .sum(.init(
                        temporality: .delta, isMonotonic: false,
                        points: [NumberPoint(attributes: .empty, startTime: start, time: time, value: .double(-2.5))]))),
                    Metric(name: "shop.temperature", description: "Oven temperature.", unit: "Cel", data: .gauge(.init(
                        points: [NumberPoint(attributes: ["oven": 2, "tags": .stringArray(["a", "b"]), "ratio": 0.5],
                                             startTime: Timestamp(nanosecondsSinceEpoch: 0), time: time, value: .double(180.5))]))),
                    Metric(name: "http.server.request.duration", description: "Request latency.", unit: "s", data: .histogram(.init(
                        temporality: .cumulative,
                        points: [HistogramPoint(attributes: ["http.route": "/checkout"], startTime: start, time: time, count: 6, sum: 1.75,
                                                min: 0.01, max: 0.9, boundaries: [0.05, 0.25, 1], bucketCounts: [2, 1, 3, 0],
                                                exemplars: [exemplar])]))),
                    Metric(name: "payload.size", description: "", unit: "By", data: .exponentialHistogram(.init(
                        temporality: .delta,
                        points: [ExponentialHistogramPoint(attributes: .empty, startTime: start, time: time, count: 7, sum: 0, min: -4, max: 12,
                                                           scale: -1, zeroCount: 1,
                                                           positive: .init(offset: -2, counts: [1, 0, 2]),
                                                           negative: .init(offset: 1, counts: [3]))]))),
                ]),
            ScopeMetrics(scope: InstrumentationScope(name: "bare"), metrics: []),
        ])
}
