#if canImport(Glibc)
import Glibc
#endif
import Testing
import Vernier
import VernierPrometheus

/// The exact bytes of both formats for a snapshot with every metric kind, odd label values and exemplars.
@Suite("Exposition golden files")
struct ExpositionGoldenTests {
    @Test func prometheusText() {
        let rendering = PrometheusExposition().render(ShopSnapshot.snapshot, format: .prometheusText)
        #expect(String(decoding: rendering.body, as: UTF8.self) == Self.golden("shop.prom"))
    }

    @Test func openMetrics() {
        let rendering = PrometheusExposition().render(ShopSnapshot.snapshot, format: .openMetrics)
        #expect(String(decoding: rendering.body, as: UTF8.self) == Self.golden("shop.om"))
    }

    @Test func unsupportedAndConflictingMetricsAreDroppedWithAReason() {
        let rendering = PrometheusExposition().render(ShopSnapshot.snapshot, format: .openMetrics)
        #expect(rendering.drops == [
            PrometheusDrop(metricName: "shop.latency", reason: .exponentialHistogram, pointCount: 1),
            PrometheusDrop(metricName: "shop.requests", reason: .deltaTemporality, pointCount: 1),
            PrometheusDrop(metricName: "shop_orders", reason: .nameConflict, pointCount: 1, detail: "counter 'shop_orders'"),
        ])
        #expect(rendering.drops.last?.description == "dropped 1 point of 'shop_orders': its Prometheus name collides with counter 'shop_orders'; rename one of them")
    }

    /// The expected bytes, kept in `Golden/` so that the integration tests can hand the same files to promtool
    /// and prometheus-client.
    static func golden(_ name: String) -> String {
        let path = #filePath.split(separator: "/").dropLast().joined(separator: "/")
        guard let file = fopen("/" + path + "/Golden/" + name, "rb") else { return "missing golden file \(name)" }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
