import Testing
import Vernier
import VernierProto
import VernierPrometheus

/// The protobuf format, read back with protobuf-c's generated decoder.
@Suite("Protobuf exposition")
struct ProtobufExpositionTests {
    static let accept = "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.7,"
        + "text/plain;version=0.0.4;q=0.3,*/*;q=0.2"

    static func decode(_ snapshot: MetricsSnapshot) throws -> (families: [String: DecodedMetricFamily], drops: [PrometheusDrop]) {
        let rendering = PrometheusExposition().render(snapshot, format: .protobuf)
        let families = try #require(DecodedMetricFamily.decode(rendering.body))
        return (Dictionary(uniqueKeysWithValues: families.map { ($0.name, $0) }), rendering.drops)
    }

    static func snapshot(_ metrics: [Metric]) -> MetricsSnapshot {
        MetricsSnapshot(resource: Resource(attributes: [:]), scopes: [ScopeMetrics(scope: InstrumentationScope(name: "test"), metrics: metrics)])
    }

    static func exponential(scale: Int32, zeroCount: UInt64 = 0, positive: ExponentialHistogramPoint.Buckets,
                            negative: ExponentialHistogramPoint.Buckets = .init(offset: 0, counts: [])) -> Metric {
        let count = zeroCount + positive.counts.reduce(0, +) + negative.counts.reduce(0, +)
        return Metric(name: "latency", description: "Latency", unit: "s", data: .exponentialHistogram(.init(temporality: .cumulative, points: [
            ExponentialHistogramPoint(
                attributes: ["route": "/a"], startTime: ShopSnapshot.start, time: ShopSnapshot.now, count: count, sum: 42.5,
                min: nil, max: nil, scale: scale, zeroCount: zeroCount, positive: positive, negative: negative,
                exemplars: [Exemplar(time: ShopSnapshot.exemplarTime, value: .double(3), traceID: ShopSnapshot.traceID, spanID: ShopSnapshot.spanID)]
            ),
        ])))
    }

    @Test func familiesHaveTheTextFormatsNamesTypesAndHelp() throws {
        let (families, drops) = try Self.decode(ShopSnapshot.snapshot)
        let text = String(decoding: PrometheusExposition().render(ShopSnapshot.snapshot, format: .prometheusText).body, as: UTF8.self)
        var textTypes: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("# TYPE ") {
            let parts = line.split(separator: " ")
            textTypes[String(parts[2])] = String(parts[3])
        }
        let typeWords: [UInt32: String] = [0: "counter", 1: "gauge", 4: "histogram"]
        let classic = families.filter { $0.key != "shop_latency_seconds" }
        #expect(classic.mapValues { typeWords[$0.type.rawValue] ?? "?" } == textTypes)
        #expect(families["shop_orders_total"]?.help == "Orders placed")
        #expect(families["system_cpu_utilization_ratio"]?.help == "CPU in use,\nas a \\fraction\\")
        #expect(families["shop_latency_seconds"]?.type == IO__PROMETHEUS__CLIENT__METRIC_TYPE__HISTOGRAM)
        #expect(families["target_info"]?.metrics.first?.labels == ["service_name": "shop", "service_instance_id": "i-1"])
        #expect(families["target_info"]?.metrics.first?.gauge == 1)
        #expect(drops == [
            PrometheusDrop(metricName: "shop.requests", reason: .deltaTemporality, pointCount: 1),
            PrometheusDrop(metricName: "shop_orders", reason: .nameConflict, pointCount: 1, detail: "counter 'shop_orders'"),
        ])
    }

    @Test func countersCarryLabelsExemplarsAndCreatedTimestamps() throws {
        let orders = try #require(try Self.decode(ShopSnapshot.snapshot).families["shop_orders_total"])
        let card = try #require(orders.metrics.first { $0.labels["payment_method"] == "card" })
        #expect(card.labels == [
            "note": ShopSnapshot.oddValue, "payment_method": "card", "otel_scope_name": "shop.checkout", "otel_scope_version": "1.2.0",
        ])
        #expect(card.counter == 3)
        #expect(card.counterCreatedSeconds == 1_700_000_000)
        let exemplar = try #require(card.counterExemplar)
        #expect(exemplar.labels == ["trace_id": ShopSnapshot.traceID.hex, "span_id": ShopSnapshot.spanID.hex])
        #expect(exemplar.value == 1)
        #expect(exemplar.seconds == 1_700_000_042 && exemplar.nanos == 123_456_789)
        #expect(orders.metrics.first { $0.labels["payment_method"] == "cash" }?.counterExemplar == nil)
    }

    @Test func classicHistogramsHaveCumulativeBucketsUpToInfinity() throws {
        let family = try #require(try Self.decode(ShopSnapshot.snapshot).families["shop_checkout_duration_seconds"])
        let histogram = try #require(family.metrics.first?.histogram)
        #expect(histogram.buckets.map(\.upperBound) == [0.1, 0.5, 1, .infinity])
        #expect(histogram.buckets.map(\.cumulativeCount) == [1, 3, 3, 4])
        #expect(histogram.buckets.map { $0.exemplar?.value } == [nil, 0.45, nil, 2.0])
        #expect(histogram.buckets[1].exemplar?.labels["user_id"] == "u-42")
        #expect(histogram.count == 4 && histogram.sum == 2.85)
        #expect(histogram.createdSeconds == 1_700_000_000)
        #expect(!histogram.hasSchema && histogram.positiveSpans.isEmpty)
    }

    @Test func exponentialHistogramsBecomeNativeHistograms() throws {
        // OTel buckets -2, 1, 2 (positive) and 1 (negative) are Prometheus buckets -1, 2, 3 and 2.
        let metric = Self.exponential(
            scale: 3, zeroCount: 2, positive: .init(offset: -2, counts: [1, 0, 0, 2, 3]), negative: .init(offset: 1, counts: [4])
        )
        let (families, drops) = try Self.decode(Self.snapshot([metric]))
        #expect(drops.isEmpty)
        let family = try #require(families["latency_seconds"])
        #expect(family.help == "Latency")
        let metricMessage = try #require(family.metrics.first)
        #expect(metricMessage.labels == ["route": "/a", "otel_scope_name": "test"])
        let histogram = try #require(metricMessage.histogram)
        #expect(histogram.hasSchema && histogram.schema == 3)
        #expect(histogram.count == 12 && histogram.sum == 42.5)
        #expect(histogram.zeroCount == 2 && histogram.zeroThreshold == 0x1p-128)
        #expect(histogram.positiveSpans == [.init(offset: -1, length: 1), .init(offset: 2, length: 2)])
        #expect(histogram.positiveDeltas == [1, 1, 1])
        #expect(histogram.negativeSpans == [.init(offset: 2, length: 1)])
        #expect(histogram.negativeDeltas == [4])
        #expect(histogram.buckets.isEmpty)
        #expect(histogram.createdSeconds == 1_700_000_000)
        #expect(histogram.exemplars.map(\.value) == [3])
    }

    @Test func finerScalesAreMergedDownToSchemaEight() throws {
        // Scale 10 to 8 merges four buckets into one: OTel 5, 6, 7 → 1 and 8 → 2, so Prometheus 2 and 3.
        let positive = try #require(try Self.decode(Self.snapshot([Self.exponential(scale: 10, positive: .init(offset: 5, counts: [1, 1, 1, 1]))]))
            .families["latency_seconds"]?.metrics.first?.histogram)
        #expect(positive.schema == 8)
        #expect(positive.positiveSpans == [.init(offset: 2, length: 2)])
        #expect(positive.positiveDeltas == [3, -2])
        // Negative indices round down: OTel -3 → -2, -2 and -1 → -1, 0 → 0 at scale 9 to 8.
        let negative = try #require(try Self.decode(Self.snapshot([Self.exponential(scale: 9, positive: .init(offset: -3, counts: [1, 1, 1, 1]))]))
            .families["latency_seconds"]?.metrics.first?.histogram)
        #expect(negative.positiveSpans == [.init(offset: -1, length: 3)])
        #expect(negative.positiveDeltas == [1, 1, -1])
    }

    @Test func scalesCoarserThanMinusFourAreDropped() throws {
        let (families, drops) = try Self.decode(Self.snapshot([Self.exponential(scale: -5, positive: .init(offset: 0, counts: [1]))]))
        #expect(families.isEmpty)
        #expect(drops == [PrometheusDrop(metricName: "latency_seconds", reason: .unsupportedScale, pointCount: 1, detail: "-5")])
    }

    @Test func textFormatsStillDropExponentialHistograms() {
        let rendering = PrometheusExposition().render(Self.snapshot([Self.exponential(scale: 0, positive: .init(offset: 0, counts: [1]))]), format: .prometheusText)
        #expect(rendering.drops == [PrometheusDrop(metricName: "latency", reason: .exponentialHistogram, pointCount: 1)])
    }

    @Test func scrapeHandlerServesProtobufWhenPreferred() async throws {
        let handler = ScrapeHandler { ShopSnapshot.snapshot }
        let response = await handler.handle(ScrapeRequest(method: "GET", path: "/metrics", headers: [("Accept", Self.accept)]))
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited")
        let families = try #require(DecodedMetricFamily.decode(response.body))
        #expect(families.first?.name == "target_info")
        #expect(handler.droppedMetricCount == 2)
        let zipped = await handler.handle(ScrapeRequest(method: "GET", path: "/metrics", headers: [("Accept", Self.accept), ("Accept-Encoding", "gzip")]))
        #expect(zipped.header("Content-Encoding") == "gzip")
        #expect(ContentNegotiationTests.gunzip(zipped.body, expectedSize: response.body.count) == response.body)
    }
}
