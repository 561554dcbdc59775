import Foundation
import Testing
import Vernier
import VernierServer

/// A real Prometheus scrapes a Vernier server; the test reads the values back through Prometheus's API.
@Suite("Prometheus scrapes a Vernier server", .serialized)
struct PrometheusScrapeTests {
    @Test(.enabled(if: Peers.prometheus != nil, "prometheus is not installed (apt-get install prometheus, or make test)"))
    func countersQuantilesAndExemplarsComeBackThroughPrometheus() async throws {
        let shop = try ShopMetrics()
        let server = MetricsServer(host: "127.0.0.1", port: 0, reader: shop.reader)
        let port = try await server.start()
        let prometheus = try await PrometheusPeer.start(scraping: ["127.0.0.1:\(port)"])
        defer { prometheus.stop() }

        let up = await prometheus.eventually { await prometheus.instantValue("up{job=\"vernier\"}").flatMap { $0 == 1 ? $0 : nil } }
        #expect(up == 1, "the target never came up:\n\(prometheus.log)")

        let cash = await prometheus.eventually { await prometheus.instantValue("shop_orders_total{payment_method=\"cash\"}") }
        #expect(cash == 1)
        let card = await prometheus.instantValue("shop_orders_total{payment_method=\"card\"}")
        #expect(card == 4)

        // Six latencies: 0.05, 0.3, 0.3, 0.42, 0.7, 2.5. The median is the third of them, which Prometheus
        // interpolates inside the (0.1, 0.5] bucket holding ranks 2 to 4: 0.1 + 0.4 * (3 - 1) / (4 - 1).
        let median = await prometheus.instantValue("histogram_quantile(0.5, sum by (le) (shop_checkout_duration_seconds_bucket))")
        let expectedMedian = 0.1 + 0.4 * 2 / 3
        #expect(abs((median ?? 0) - expectedMedian) < 1e-9, "median \(String(describing: median))")

        let traceIDs = await prometheus.eventually {
            let ids = await prometheus.exemplarTraceIDs("shop_checkout_duration_seconds_bucket")
            return ids.isEmpty ? nil : ids
        }
        #expect(traceIDs?.contains(ShopMetrics.traceID.hex) == true, "exemplars: \(String(describing: traceIDs))")

        shop.orders.add(5, attributes: ["payment.method": "cash"])
        let updated = await prometheus.eventually {
            await prometheus.instantValue("shop_orders_total{payment_method=\"cash\"}").flatMap { $0 == 6 ? $0 : nil }
        }
        #expect(updated == 6)
        await server.shutdown()
    }
}
