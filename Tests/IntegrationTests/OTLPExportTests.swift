import Foundation
import ServiceContextModule
import Testing
import Vernier
import VernierBootstrap
import VernierOTLP

/// Vernier exports to a Python OTLP/HTTP receiver that decodes with `opentelemetry-proto`; the tests check
/// what it decoded, field by field.
@Suite("OTLP export to a real decoder", .serialized)
struct OTLPExportTests {
    @Test(.enabled(if: OTLPReceiver.python != nil, "python3 with opentelemetry-proto is not installed (make test installs it)"))
    func protobufCarriesEveryFieldOfARealProvider() async throws {
        let receiver = try await OTLPReceiver.start()
        defer { receiver.stop() }
        let shop = try ShopMetrics()
        let exporter = OTLPMetricExporter(configuration: .init(endpoint: receiver.baseURL, headers: [("X-Api-Key", "secret-key")]))
        try await exporter.export(shop.reader.collect())

        let requests = try await receiver.received()
        try #require(requests.count == 1)
        let request = requests[0]
        #expect(request.error == nil, "\(request.error ?? "")")
        #expect(request.path == "/v1/metrics")
        #expect(request.headers["content-type"] == "application/x-protobuf")
        #expect(request.headers["user-agent"] == "Vernier/\(Resource.sdkVersion)")
        #expect(request.headers["x-api-key"] == "secret-key")

        let resource = otlpAttributes(request.decoded?.value(at: "resource_metrics", 0, "resource", "attributes"))
        #expect(resource["service.name"] == "shop")
        #expect(resource["service.instance.id"] == "shop-1")
        #expect(resource["telemetry.sdk.name"] == "vernier")
        let scopes = request.decoded?.value(at: "resource_metrics", 0, "scope_metrics") as? [[String: Any]] ?? []
        let shopScope = scopes.first { ($0.value(at: "scope", "name") as? String) == "shop.checkout" }
        #expect(shopScope?.value(at: "scope", "version") as? String == "1.2.0")

        let orders = otlpMetric(request, "shop.orders")
        #expect(orders?["unit"] as? String == "{order}")
        #expect(orders?["description"] as? String == "Orders placed")
        #expect(orders?.value(at: "sum", "is_monotonic") as? Bool == true)
        #expect(orders?.value(at: "sum", "aggregation_temporality") as? String == "AGGREGATION_TEMPORALITY_CUMULATIVE")
        let card = otlpPoint(orders, "sum", where: ["payment.method": "card"])
        #expect(card?["as_int"] as? String == "4")
        #expect(card?["start_time_unix_nano"] as? String != nil)
        #expect(card?["time_unix_nano"] as? String != nil)
        #expect(card?.value(at: "exemplars", 0, "trace_id") as? String == ShopMetrics.traceID.hex)
        #expect(card?.value(at: "exemplars", 0, "span_id") as? String == ShopMetrics.spanID.hex)
        #expect(otlpPoint(orders, "sum", where: ["payment.method": "cash"])?["as_int"] as? String == "1")

        #expect(otlpPoint(otlpMetric(request, "shop.revenue"), "sum")?["as_double"] as? Double == 12.5)
        let active = otlpMetric(request, "shop.checkouts.active")
        #expect(active?.value(at: "sum", "is_monotonic") == nil)
        #expect(otlpPoint(active, "sum")?["as_int"] as? String == "1")
        #expect(otlpPoint(otlpMetric(request, "room.temperature"), "gauge")?["as_double"] as? Double == 21.5)
        #expect(otlpPoint(otlpMetric(request, "shop.inventory.level"), "gauge", where: ["sku": "A-1"])?["as_int"] as? String == "42")

        let latency = otlpMetric(request, "shop.checkout.duration")
        #expect(latency?["unit"] as? String == "s")
        let histogram = otlpPoint(latency, "histogram", where: ["payment.method": "card"])
        #expect(histogram?["count"] as? String == "6")
        #expect(abs((histogram?["sum"] as? Double ?? 0) - 4.27) < 1e-9)
        #expect(histogram?["min"] as? Double == 0.05)
        #expect(histogram?["max"] as? Double == 2.5)
        #expect(histogram?["explicit_bounds"] as? [Double] == [0.1, 0.5, 1, 5])
        #expect(histogram?["bucket_counts"] as? [String] == ["1", "3", "1", "1", "0"])
        #expect(histogram?.value(at: "exemplars", 0, "trace_id") as? String == ShopMetrics.traceID.hex)
        #expect(histogram?.value(at: "exemplars", 0, "as_double") as? Double == 0.42)
    }

    @Test(.enabled(if: OTLPReceiver.python != nil, "python3 with opentelemetry-proto is not installed (make test installs it)"))
    func jsonAndGzipDecodeToTheSameRequestAsProtobuf() async throws {
        let receiver = try await OTLPReceiver.start()
        defer { receiver.stop() }
        let snapshot = try ShopMetrics().reader.collect()
        for (format, compression) in [(OTLPExporterConfiguration.ExportProtocol.httpProtobuf, OTLPExporterConfiguration.Compression.none),
                                      (.httpJSON, .none), (.httpProtobuf, .gzip), (.httpJSON, .gzip)] {
            let exporter = OTLPMetricExporter(configuration: .init(endpoint: receiver.baseURL, exportProtocol: format, compression: compression))
            try await exporter.export(snapshot)
        }
        let requests = try await receiver.received()
        try #require(requests.count == 4)
        #expect(requests.map { $0.headers["content-type"] } == ["application/x-protobuf", "application/json", "application/x-protobuf", "application/json"])
        #expect(requests.map { $0.headers["content-encoding"] } == [nil, nil, "gzip", "gzip"])
        let reference = try #require(requests[0].decoded)
        for request in requests.dropFirst() {
            #expect(request.error == nil, "\(request.error ?? "")")
            #expect(NSDictionary(dictionary: request.decoded ?? [:]).isEqual(to: reference), "\(request.headers)")
        }
    }

    @Test(.enabled(if: OTLPReceiver.python != nil, "python3 with opentelemetry-proto is not installed (make test installs it)"))
    func exponentialHistogramsCarryScaleOffsetsAndZeros() async throws {
        let receiver = try await OTLPReceiver.start()
        defer { receiver.stop() }
        let reader = PullMetricReader()
        let provider = MeterProvider(resource: Resource(serviceName: "exp"), readers: [reader],
                                     defaultHistogramAggregation: .base2ExponentialBucketHistogram)
        let sizes = try provider.meter("exp").histogram("payload.size", unit: "By")
        for value in [1.0, 2, 4, 8, 0, -3] { sizes.record(value) }
        try await OTLPMetricExporter(configuration: .init(endpoint: receiver.baseURL)).export(reader.collect())

        let request = try #require(try await receiver.received().first)
        let exponential = try #require(otlpPoint(otlpMetric(request, "payload.size"), "exponential_histogram"))
        #expect(exponential["count"] as? String == "6")
        #expect(exponential["sum"] as? Double == 12)
        #expect(exponential["min"] as? Double == -3)
        #expect(exponential["max"] as? Double == 8)
        #expect(exponential["zero_count"] as? String == "1")
        let scale = exponential["scale"] as? Int ?? 0
        // Value v lands in bucket ceil(log2(v) * 2^scale) - 1.
        func index(_ value: Double) -> Int { Int((log2(value) * pow(2, Double(scale))).rounded(.up)) - 1 }
        let positive = exponential["positive"] as? [String: Any]
        #expect(positive?["offset"] as? Int ?? 0 == index(1))
        let counts = (positive?["bucket_counts"] as? [String] ?? []).compactMap { Int($0) }
        #expect(counts.reduce(0, +) == 4)
        #expect(counts.count == index(8) - index(1) + 1)
        let negative = exponential["negative"] as? [String: Any]
        #expect(negative?["offset"] as? Int ?? 0 == index(3))
        #expect((negative?["bucket_counts"] as? [String] ?? []).compactMap { Int($0) }.reduce(0, +) == 1)
    }

    @Test(.enabled(if: OTLPReceiver.python != nil, "python3 with opentelemetry-proto is not installed (make test installs it)"))
    func consecutiveExportsReuseOneConnection() async throws {
        let receiver = try await OTLPReceiver.start()
        defer { receiver.stop() }
        let shop = try ShopMetrics()
        let exporter = OTLPMetricExporter(configuration: .init(endpoint: receiver.baseURL))
        for _ in 0..<3 { try await exporter.export(shop.reader.collect()) }
        let ports = try await receiver.received().map(\.clientPort)
        #expect(ports.count == 3)
        #expect(Set(ports).count == 1, "client ports \(ports)")
    }

    @Test(.enabled(if: OTLPReceiver.python != nil, "python3 with opentelemetry-proto is not installed (make test installs it)"))
    func theBootstrapsEnvironmentConfiguresEndpointProtocolCompressionHeadersAndDeltaTemporality() async throws {
        let receiver = try await OTLPReceiver.start()
        defer { receiver.stop() }
        let environment = [
            "OTEL_METRICS_EXPORTER": "otlp",
            "OTEL_EXPORTER_OTLP_ENDPOINT": receiver.baseURL,
            "OTEL_EXPORTER_OTLP_PROTOCOL": "http/json",
            "OTEL_EXPORTER_OTLP_METRICS_COMPRESSION": "gzip",
            "OTEL_EXPORTER_OTLP_HEADERS": "x-team=checkout%20crew,x-tenant=a",
            "OTEL_EXPORTER_OTLP_METRICS_HEADERS": "x-tenant=b",
            "OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE": "delta",
            "OTEL_METRIC_EXPORT_INTERVAL": "3600000",
        ]
        let vernier = VernierService.bootstrap(VernierConfiguration(
            resource: Resource(serviceName: "env"), runtime: .init(isEnabled: false),
            bootstraps: .init(swiftMetrics: false, swiftLog: false, distributedTracing: false)), environment: environment)
        let orders = try vernier.meter("env").counter("orders")
        orders.add(5)
        await vernier.meterProvider.forceFlush()
        orders.add(2)
        await vernier.meterProvider.forceFlush()
        orders.add(1)
        await vernier.meterProvider.shutdown()

        let requests = try await receiver.received().filter { otlpMetric($0, "orders") != nil }
        try #require(requests.count == 3, "the last delta is sent on shutdown")
        #expect(requests[0].headers["content-type"] == "application/json")
        #expect(requests[0].headers["content-encoding"] == "gzip")
        #expect(requests[0].headers["x-team"] == "checkout crew")
        #expect(requests[0].headers["x-tenant"] == "b")
        let sums = requests.map { otlpMetric($0, "orders")?["sum"] as? [String: Any] }
        #expect(sums.allSatisfy { $0?["aggregation_temporality"] as? String == "AGGREGATION_TEMPORALITY_DELTA" })
        #expect(sums.map { $0?.value(at: "data_points", 0, "as_int") as? String } == ["5", "2", "1"])
    }
}
