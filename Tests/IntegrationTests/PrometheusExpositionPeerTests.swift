import Foundation
import Testing
import Vernier
import VernierPrometheus

/// Expositions of a real provider, read back by the tools Prometheus users have: `promtool check metrics`
/// for the 0.0.4 text format, and prometheus-client's text and strict OpenMetrics parsers.
@Suite("Expositions read by real parsers")
struct PrometheusExpositionPeerTests {
    let shop: ShopMetrics
    let exposition = PrometheusExposition()

    init() throws {
        shop = try ShopMetrics()
    }

    @Test(.enabled(if: Peers.promtool != nil, "promtool is not installed (apt-get install prometheus, or make test)"))
    func textPassesPromtool() async throws {
        let body = exposition.render(shop.reader.collect(), format: .prometheusText).body
        let check = try await PeerCommand.runInBackground(Peers.promtool!, ["check", "metrics"], input: body)
        #expect(check.status == 0, "promtool: \(check.standardOutput)\(check.standardError)\n\(String(decoding: body, as: UTF8.self))")
    }

    @Test(.enabled(if: Peers.pythonWithPrometheusClient != nil, "python3 with prometheus-client is not installed (make pip-deps)"))
    func textParsesWithExpectedValues() async throws {
        let families = try await parse(.prometheusText)
        #expect(families.value(of: "shop_orders_total", ["payment_method": "card", "note": ShopMetrics.oddLabel]) == 4)
        #expect(families.value(of: "shop_orders_total", ["payment_method": "cash"]) == 1)
        #expect(families.value(of: "shop_revenue_USD_total", [:]) == 12.5)
        #expect(families.value(of: "shop_checkouts_active", [:]) == 1)
        #expect(families.value(of: "room_temperature_celsius", [:]) == 21.5)
        #expect(families.value(of: "shop_inventory_level", ["sku": "A-1"]) == 42)
        #expect(families.value(of: "shop_checkout_duration_seconds_bucket", ["le": "0.5"]) == 4)
        #expect(families.value(of: "shop_checkout_duration_seconds_count", [:]) == 6)
        #expect(families.value(of: "target_info", ["service_name": "shop", "service_instance_id": "shop-1"]) == 1)
        #expect(families.family("shop_checkout_duration_seconds")?.type == "histogram")
    }

    @Test(.enabled(if: Peers.pythonWithPrometheusClient != nil, "python3 with prometheus-client is not installed (make pip-deps)"))
    func openMetricsParsesStrictlyWithExemplars() async throws {
        let families = try await parse(.openMetrics)
        let orders = try #require(families.family("shop_orders"))
        #expect(orders.type == "counter")
        #expect(families.value(of: "shop_orders_total", ["payment_method": "card", "note": ShopMetrics.oddLabel]) == 4)
        let latency = try #require(families.family("shop_checkout_duration_seconds"))
        #expect(latency.unit == "seconds")
        #expect(latency.help == "Checkout latency")
        let bucket = try #require(latency.samples.first { $0.name == "shop_checkout_duration_seconds_bucket" && $0.labels["le"] == "0.5" })
        #expect(bucket.value == 4)
        let exemplar = try #require(bucket.exemplar)
        #expect(exemplar.labels["trace_id"] == ShopMetrics.traceID.hex)
        #expect(exemplar.labels["span_id"] == ShopMetrics.spanID.hex)
        #expect(exemplar.value == 0.42)
        let counterSample = try #require(orders.samples.first { $0.name == "shop_orders_total" && $0.labels["payment_method"] == "card" })
        #expect(counterSample.exemplar?.labels["trace_id"] == ShopMetrics.traceID.hex)
        #expect(families.family("room_temperature_celsius")?.unit == "celsius")
        #expect(families.family("target")?.type == "info")
    }

    @Test(
        "the unit tests' golden files pass the same checks",
        .enabled(if: Peers.promtool != nil && Peers.pythonWithPrometheusClient != nil, "promtool or python3 with prometheus-client is missing (make test installs them)"),
        arguments: ["shop.prom", "shop.om"]
    )
    func goldenFiles(name: String) async throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("VernierPrometheusTests/Golden/\(name)")
        let body = try [UInt8](Data(contentsOf: path))
        let isText = name.hasSuffix(".prom")
        if isText {
            let check = try await PeerCommand.runInBackground(Peers.promtool!, ["check", "metrics"], input: body)
            #expect(check.status == 0, "promtool: \(check.standardOutput)\(check.standardError)")
        }
        let parsed = try await PeerCommand.runInBackground(Peers.pythonWithPrometheusClient!, [Peers.script("prometheus_parse.py"), isText ? "text" : "openmetrics"], input: body)
        #expect(parsed.status == 0, "parser: \(parsed.standardError)")
    }

    private func parse(_ format: ExpositionFormat) async throws -> ParsedExposition {
        try await ParsedExposition.parse(exposition.render(shop.reader.collect(), format: format).body, format: format)
    }
}

/// What `prometheus_parse.py` prints.
struct ParsedExposition: Decodable {
    /// `body` read by prometheus-client's parser for `format`.
    static func parse(_ body: [UInt8], format: ExpositionFormat) async throws -> ParsedExposition {
        let result = try await PeerCommand.runInBackground(
            Peers.pythonWithPrometheusClient!, [Peers.script("prometheus_parse.py"), format == .openMetrics ? "openmetrics" : "text"], input: body
        )
        try #require(result.status == 0, "parser: \(result.standardError)\n\(String(decoding: body, as: UTF8.self))")
        return try JSONDecoder().decode(ParsedExposition.self, from: Data(result.standardOutput.utf8))
    }

    struct Family: Decodable {
        let name: String
        let type: String
        let unit: String?
        let help: String?
        let samples: [Sample]
    }

    struct Sample: Decodable {
        let name: String
        let labels: [String: String]
        let value: Double?
        let exemplar: Exemplar?
    }

    struct Exemplar: Decodable {
        let labels: [String: String]
        let value: Double?
        let timestamp: Double?
    }

    let families: [Family]

    func family(_ name: String) -> Family? {
        families.first { $0.name == name }
    }

    /// The value of the sample with this name whose labels include `labels`.
    func value(of sampleName: String, _ labels: [String: String]) -> Double? {
        families.lazy.flatMap(\.samples).first { sample in
            sample.name == sampleName && labels.allSatisfy { sample.labels[$0.key] == $0.value }
        }?.value
    }
}
