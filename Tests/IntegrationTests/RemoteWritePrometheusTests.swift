import Foundation
import Testing
import Vernier
import VernierRemoteWrite
import VernierTesting

/// Pushes into Debian's Prometheus with its remote-write receiver and exemplar storage, then reads the
/// series back through its HTTP API.
@Suite(
    "Remote write into a real Prometheus", .serialized,
    .enabled(if: Peers.prometheus != nil, "prometheus is not installed (apt-get install prometheus, or make test)")
)
struct RemoteWritePrometheusTests {
    @Test func counterGaugeAndHistogramReadBackWithExactValuesTimesAndExemplars() async throws {
        let prometheus = try await PrometheusPeer.start()
        defer { prometheus.stop() }
        let shop = try ShopMetrics()
        let pusher = RemoteWriteSelfMetrics(RemoteWriteConfiguration(
            url: prometheus.baseURL + "/api/v1/write", externalLabels: [("cluster", "test")]))
        let snapshot = shop.reader.collect()
        try await pusher.exporter.export(snapshot)
        try await pusher.exporter.forceFlush()
        await pusher.exporter.shutdown()

        let series = #"{job="shop",instance="shop-1",cluster="test",otel_scope_name="shop.checkout",otel_scope_version="1.2.0""#
        #expect(await prometheus.instantValue(#"shop_orders_total\#(series),payment_method="cash"}"#) == 1)
        #expect(await prometheus.instantValue(#"shop_orders_total\#(series),payment_method="card"}"#) == 4)
        #expect(await prometheus.instantValue("room_temperature_celsius\(series)}") == 21.5)
        #expect(await prometheus.instantValue("shop_checkouts_active\(series)}") == 1)
        #expect(await prometheus.instantValue(#"shop_inventory_level\#(series),sku="A-1"}"#) == 42)
        let buckets = ["0.1": 1.0, "0.5": 4, "1.0": 5, "5.0": 6, "+Inf": 6]
        for (bound, count) in buckets {
            #expect(await prometheus.instantValue(#"shop_checkout_duration_seconds_bucket\#(series),le="\#(bound)"}"#) == count, "le=\(bound)")
        }
        #expect(await prometheus.instantValue("shop_checkout_duration_seconds_count\(series)}") == 6)
        let sum = try #require(await prometheus.instantValue("shop_checkout_duration_seconds_sum\(series)}"))
        #expect(abs(sum - (0.05 + 0.3 + 0.3 + 0.7 + 2.5 + 0.42)) < 1e-9)

        let gaugeTime = try #require(snapshot.metrics.first { $0.name == "room.temperature" }.flatMap { metric -> Timestamp? in
            guard case .gauge(let gauge) = metric.data else { return nil }
            return gauge.points.first?.time
        })
        #expect(await prometheus.rawSamples("room_temperature_celsius") == [.init(value: 21.5, milliseconds: gaugeTime.millisecondsSinceEpoch)])

        let labels = await prometheus.api("/api/v1/query", ["query": #"shop_orders_total{payment_method="card"}"#]) as? [String: Any]
        let metric = ((labels?["result"] as? [[String: Any]])?.first?["metric"] as? [String: String]) ?? [:]
        #expect(metric["note"] == ShopMetrics.oddLabel)

        let traceID = ShopMetrics.traceID.hex
        #expect(await prometheus.exemplarTraceIDs(#"shop_checkout_duration_seconds_bucket{le="0.5"}"#) == [traceID])
        #expect(await prometheus.exemplarTraceIDs(#"shop_orders_total{payment_method="card"}"#) == [traceID])
        #expect(await exemplarValues(prometheus, #"shop_checkout_duration_seconds_bucket"#) == [0.42])

        let samples = Double(try RemoteWriteRequestEncoder(configuration: pusher.exporter.configuration).encode(snapshot).sampleCount)
        #expect(try pusher.collect().counterValue("vernier.sdk.exporter.sample.exported") == samples)
        #expect(try pusher.collect().counterValue("otel.sdk.exporter.metric_data_point.exported") == Double(snapshot.pointCount))
        #expect(try pusher.givenUp("vernier.sdk.exporter.sample.exported") == 0)
        #expect(try pusher.collect().counterValue("vernier.sdk.exporter.sample.retried") == 0)
        #expect(try pusher.collect().gaugeValue("vernier.sdk.exporter.last_success.time") > Date().timeIntervalSince1970 - 60)
    }

    private func exemplarValues(_ prometheus: PrometheusPeer, _ selector: String) async -> [Double] {
        let now = Date().timeIntervalSince1970
        let data = await prometheus.api("/api/v1/query_exemplars", ["query": selector, "start": String(now - 300), "end": String(now + 60)])
        return (data as? [[String: Any]] ?? []).flatMap { series in
            (series["exemplars"] as? [[String: Any]] ?? []).compactMap { ($0["value"] as? String).flatMap(Double.init) }
        }
    }
}
