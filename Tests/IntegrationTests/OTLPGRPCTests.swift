import Foundation
import ServiceContextModule
import Testing
import Tracing
import Vernier
import VernierOTLP
import VernierTesting
import VernierTracing
import VernierTransport

/// OTLP over gRPC, through libcurl's HTTP/2, to a real gRPC server: grpcio serving opentelemetry-proto's stubs.
@Suite(
    "OTLP export over gRPC", .serialized,
    .enabled(if: OTLPGRPCReceiver.python != nil, "python3 with grpcio and opentelemetry-proto is not installed (make test installs them)")
)
struct OTLPGRPCTests {
    private static func exporter(
        _ receiver: OTLPGRPCReceiver, endpoint: String? = nil, timeout: Duration = .seconds(10), compression: OTLPExporterConfiguration.Compression = .none,
        tls: TLSConfiguration = TLSConfiguration(), maximumAttempts: Int? = nil
    ) -> (OTLPMetricExporter, TestMetrics) {
        var configuration = OTLPExporterConfiguration(
            endpoint: endpoint ?? receiver.endpoint, headers: [("X-Api-Key", "secret-key")], timeout: timeout, exportProtocol: .grpc,
            compression: compression, tls: tls)
        configuration.retryPolicy.initialBackoff = .milliseconds(50)
        configuration.retryPolicy.maximumAttempts = maximumAttempts ?? configuration.retryPolicy.maximumAttempts
        let exporter = OTLPMetricExporter(configuration: configuration)
        let selfMetrics = TestMetrics(resource: Resource(attributes: .empty))
        exporter.attachSelfMetrics(to: selfMetrics.meter("vernier.test"))
        return (exporter, selfMetrics)
    }

    @Test func exportsArriveDecodedWithTheirHeaders() async throws {
        let receiver = try await OTLPGRPCReceiver.start()
        defer { receiver.stop() }
        let shop = try ShopMetrics()
        let (exporter, selfMetrics) = Self.exporter(receiver)
        for _ in 0..<3 { try await exporter.export(shop.reader.collect()) }
        await exporter.shutdown()

        let received = try await receiver.received()
        try #require(received.count == 3, "\(receiver.log)")
        let request = received[0].request
        #expect(request.path == "/opentelemetry.proto.collector.metrics.v1.MetricsService/Export")
        #expect(request.headers["x-api-key"] == "secret-key")
        #expect(Set(received.map(\.request.clientPort)).count == 1, "one HTTP/2 connection for every export: \(received.map(\.request.clientPort))")
        let orders = otlpMetric(request, "shop.orders")
        #expect(otlpPoint(orders, "sum", where: ["payment.method": "card"])?["as_int"] as? String == "4")
        #expect(otlpPoint(orders, "sum", where: ["payment.method": "card"])?.value(at: "exemplars", 0, "trace_id") as? String == ShopMetrics.traceID.hex)
        #expect(otlpPoint(otlpMetric(request, "shop.checkout.duration"), "histogram", where: ["payment.method": "card"])?["count"] as? String == "6")
        let delivered = try selfMetrics.collect().counterTotal("otel.sdk.exporter.metric_data_point.exported") {
            $0["error.type"] == nil && $0["otel.component.type"] == "otlp_grpc_metric_exporter"
        }
        #expect(delivered == Double(3 * shop.reader.collect().pointCount))
    }

    @Test func anExportAfterTheServerClosedTheConnectionOpensANewOne() async throws {
        let receiver = try await OTLPGRPCReceiver.start(maximumConnectionAge: .milliseconds(300))
        defer { receiver.stop() }
        let shop = try ShopMetrics()
        // One attempt per export: the new connection must come within the export, not from a retry.
        let (exporter, selfMetrics) = Self.exporter(receiver, maximumAttempts: 1)
        try await exporter.export(shop.reader.collect())
        try await Task.sleep(for: .milliseconds(1500))
        try await exporter.export(shop.reader.collect())
        try await exporter.export(shop.reader.collect())

        let received = try await receiver.received()
        #expect(received.count == 3, "each export arrived once: \(receiver.log)")
        let ports = received.map(\.request.clientPort)
        #expect(ports[0] != ports[1] && ports[1] == ports[2], "a new connection after the closed one, then kept: \(ports)")
        #expect(try selfMetrics.collect().counterTotal("otel.sdk.exporter.metric_data_point.exported") { $0["error.type"] != nil } == 0)
    }

    @Test func unavailableIsRetriedAndInvalidArgumentIsNot() async throws {
        let receiver = try await OTLPGRPCReceiver.start()
        defer { receiver.stop() }
        let shop = try ShopMetrics()
        let (exporter, selfMetrics) = Self.exporter(receiver)
        try await receiver.script([["code": "UNAVAILABLE"], ["code": "UNAVAILABLE"]])
        try await exporter.export(shop.reader.collect())
        #expect(try await receiver.received().map(\.answered) == ["UNAVAILABLE", "UNAVAILABLE", "OK"])

        try await receiver.script([["code": "INVALID_ARGUMENT", "message": "bad points"]])
        do {
            try await exporter.export(shop.reader.collect())
            Issue.record("an INVALID_ARGUMENT export succeeded")
        } catch let error as OTLPExportError {
            #expect(error == .grpcStatus(name: "INVALID_ARGUMENT", code: 3, message: "bad points", attempts: 1))
        }
        #expect(try await receiver.received().count == 4)
        let failed = try selfMetrics.collect().counterTotal("otel.sdk.exporter.metric_data_point.exported") { $0["error.type"] == "INVALID_ARGUMENT" }
        #expect(failed == Double(shop.reader.collect().pointCount))
        let durations = try selfMetrics.collect().histogram(
            "otel.sdk.exporter.operation.duration", attributes: try #require(selfMetrics.collect().series("otel.sdk.exporter.operation.duration").first {
                $0["rpc.grpc.status_code"] == .int(3)
            }))
        #expect(durations.count == 1)
    }

    @Test func resourceExhaustedIsRetriedOnlyWithRetryInfoAndAfterItsDelay() async throws {
        let receiver = try await OTLPGRPCReceiver.start()
        defer { receiver.stop() }
        let shop = try ShopMetrics()
        let (exporter, _) = Self.exporter(receiver)
        try await receiver.script([["code": "RESOURCE_EXHAUSTED"]])
        await #expect(throws: OTLPExportError.self) { try await exporter.export(shop.reader.collect()) }
        #expect(try await receiver.received().count == 1)

        try await receiver.script([["code": "RESOURCE_EXHAUSTED", "retry_delay": 0.8]])
        let clock = ContinuousClock()
        let start = clock.now
        try await exporter.export(shop.reader.collect())
        #expect(clock.now - start >= .milliseconds(800), "waited as RetryInfo asked")
        #expect(try await receiver.received().map(\.answered).suffix(2) == ["RESOURCE_EXHAUSTED", "OK"])
    }

    @Test func gzipPartialSuccessAndAServerThatNeverAnswers() async throws {
        let receiver = try await OTLPGRPCReceiver.start()
        defer { receiver.stop() }
        let shop = try ShopMetrics()
        // grpcio answers INTERNAL to a compressed message without grpc-encoding, so acceptance shows both were sent.
        let (gzipped, _) = Self.exporter(receiver, compression: .gzip)
        try await gzipped.export(shop.reader.collect())
        #expect(otlpMetric(try await receiver.received()[0].request, "shop.orders") != nil)

        try await receiver.script([["code": "OK", "rejected": 3, "message": "3 bad points"]])
        let (partial, selfMetrics) = Self.exporter(receiver)
        try await partial.export(shop.reader.collect())
        #expect(try selfMetrics.collect().counterTotal("otel.sdk.exporter.metric_data_point.exported") { $0["error.type"] == "rejected" } == 3)

        try await receiver.script([["hang": true]])
        let (patient, _) = Self.exporter(receiver, timeout: .seconds(1))
        let clock = ContinuousClock()
        let start = clock.now
        await #expect(throws: OTLPExportError.self) { try await patient.export(shop.reader.collect()) }
        #expect(clock.now - start < .seconds(3), "the export gave up at its timeout")
    }

    @Test(.enabled(if: Peers.executable("openssl") != nil, "openssl is not installed"))
    func exportsOverTLSWithAClientCertificateOnOneKeptConnection() async throws {
        let certificates = try OTLPTLSTests.Certificates.make()
        defer { certificates.remove() }
        let receiver = try await OTLPGRPCReceiver.start(tls: OTLPReceiver.TLSFiles(
            certificate: certificates.serverCertificate, key: certificates.serverKey, clientCA: certificates.ca))
        defer { receiver.stop() }
        let tlsPort = try #require(receiver.tlsPort)
        let (exporter, _) = Self.exporter(receiver, endpoint: "https://127.0.0.1:\(tlsPort)", tls: TLSConfiguration(
            certificateAuthorityFile: certificates.ca, clientCertificateFile: certificates.clientCertificate, clientKeyFile: certificates.clientKey))
        let shop = try ShopMetrics()
        for _ in 0..<3 { try await exporter.export(shop.reader.collect()) }
        let received = try await receiver.received()
        #expect(received.count == 3 && received.allSatisfy { $0.request.clientCertificateName == "vernier-client" })
        #expect(Set(received.map(\.request.clientPort)).count == 1, "one HTTP/2 connection for every export: \(received.map(\.request.clientPort))")
    }

    @Test func spansGoToTheTraceService() async throws {
        let receiver = try await OTLPGRPCReceiver.start()
        defer { receiver.stop() }
        let processor = BatchSpanProcessor(exporter: OTLPSpanExporter(configuration: OTLPExporterConfiguration(endpoint: receiver.endpoint, exportProtocol: .grpc)))
        let tracer = VernierTracer(resource: Resource(serviceName: "spans"), sampler: AlwaysOnSampler(), processors: [processor])
        var context = ServiceContext.topLevel
        tracer.extract(["traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"], into: &context, using: DictionaryExtractor())
        tracer.startSpan("GET /products/{id}", context: context, ofKind: .server).end()
        await processor.shutdown()

        let received = try await receiver.received()
        try #require(received.count == 1, "\(receiver.log)")
        #expect(received[0].request.path == "/opentelemetry.proto.collector.trace.v1.TraceService/Export")
        let span = try #require(TracingEndToEndTests.spans(in: received[0].request).first)
        #expect(span["trace_id"] as? String == "4bf92f3577b34da6a3ce929d0e0e4736" && span["name"] as? String == "GET /products/{id}")
    }
}
