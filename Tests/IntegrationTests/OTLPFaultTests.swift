import Foundation
import Synchronization
import Testing
import Vernier
import VernierOTLP
import VernierTransport
import VernierTesting

/// The OTLP exporter against a receiver scripted to fail: retries, Retry-After, rejections, outages, silence.
@Suite("OTLP export when the collector fails", .serialized)
struct OTLPFaultTests {
    /// The OTLP retry rules with short waits, so the tests run quickly.
    private static let quickRetries = RetryPolicy(retryableStatuses: RetryPolicy.otlp.retryableStatuses, initialBackoff: .milliseconds(200))

    private func configuration(_ receiver: OTLPReceiver, timeout: Duration = .seconds(10)) -> OTLPExporterConfiguration {
        OTLPExporterConfiguration(endpoint: receiver.baseURL, headers: [("Authorization", "Bearer top-secret")],
                                  timeout: timeout, retryPolicy: Self.quickRetries)
    }

    @Test(.enabled(if: OTLPReceiver.python != nil, "python3 with opentelemetry-proto is not installed (make test installs it)"))
    func unavailableTwiceThenAcceptedLosesNothing() async throws {
        let receiver = try await OTLPReceiver.start()
        defer { receiver.stop() }
        try await receiver.script([["status": 503], ["status": 503]])
        let probe = OTLPSelfMetricsProbe(configuration(receiver))
        let snapshot = try ShopMetrics().reader.collect()
        try await probe.exporter.export(snapshot)

        let requests = try await receiver.received()
        #expect(requests.count == 3)
        #expect(requests.allSatisfy { $0.error == nil })
        #expect(try probe.collect().counterValue("otel.sdk.exporter.metric_data_point.exported") == Double(snapshot.pointCount))
        #expect(try probe.collect().upDownCounterValue("otel.sdk.exporter.metric_data_point.inflight") == 0)
        #expect(try probe.collect().histogram("otel.sdk.exporter.operation.duration", attributes: ["http.response.status_code": 200]).count == 1)
        #expect(try probe.collect().series("otel.sdk.exporter.metric_data_point.exported").count == 1, "no failure was counted")
    }

    @Test(.enabled(if: OTLPReceiver.python != nil, "python3 with opentelemetry-proto is not installed (make test installs it)"))
    func tooManyRequestsWaitsForRetryAfter() async throws {
        let receiver = try await OTLPReceiver.start()
        defer { receiver.stop() }
        try await receiver.script([["status": 429, "retry_after": "2"]])
        let exporter = OTLPMetricExporter(configuration: configuration(receiver))
        try await exporter.export(try ShopMetrics().reader.collect())

        let requests = try await receiver.received()
        try #require(requests.count == 2)
        let wait = requests[1].receivedAt - requests[0].receivedAt
        #expect(wait >= 2.0, "the retry came after \(wait) s")
        // Loose on purpose: a loaded machine can be slow to run the retry, never early.
        #expect(wait < 8.0, "the retry came after \(wait) s")
    }

    @Test(.enabled(if: OTLPReceiver.python != nil, "python3 with opentelemetry-proto is not installed (make test installs it)"))
    func badRequestIsSentOnceAndItsPointsCountedAsDropped() async throws {
        let receiver = try await OTLPReceiver.start()
        defer { receiver.stop() }
        try await receiver.script([["status": 400, "body": "metric name invalid"]])
        let probe = OTLPSelfMetricsProbe(configuration(receiver))
        let snapshot = try ShopMetrics().reader.collect()

        let error = await #expect(throws: OTLPExportError.self) { try await probe.exporter.export(snapshot) }
        guard case .transport(let failure)? = error else {
            Issue.record("expected a transport error, got \(String(describing: error))")
            return
        }
        #expect(failure.kind == .httpStatus(400))
        #expect(failure.attempts == 1)
        #expect(error?.description.contains("metric name invalid") == true)
        #expect(error?.description.contains("top-secret") == false)
        #expect(try await receiver.received().count == 1)
        #expect(try probe.collect().counterValue("otel.sdk.exporter.metric_data_point.exported", attributes: ["error.type": "400"]) == Double(snapshot.pointCount))
        #expect(try probe.collect().counterValue("otel.sdk.exporter.metric_data_point.exported") == 0)
        #expect(try probe.collect().histogram("otel.sdk.exporter.operation.duration", attributes: ["error.type": "400", "http.response.status_code": 400]).count == 1)
    }

    @Test(.enabled(if: OTLPReceiver.python != nil, "python3 with opentelemetry-proto is not installed (make test installs it)"))
    func partialSuccessIsLoggedAndCountedButNotRetried() async throws {
        let receiver = try await OTLPReceiver.start()
        defer { receiver.stop() }
        let lines = Mutex<[String]>([])
        Diagnostics.setHandler { level, message in
            lines.withLock { $0.append(message) }
            FileHandle.standardError.write(Data("vernier \(level.rawValue): \(message)\n".utf8))
        }
        for format in [OTLPExporterConfiguration.ExportProtocol.httpProtobuf, .httpJSON] {
            try await receiver.script([["status": 200, "rejected": 2, "message": "2 points too old"]])
            var configuration = configuration(receiver)
            configuration.exportProtocol = format
            let probe = OTLPSelfMetricsProbe(configuration)
            let snapshot = try ShopMetrics().reader.collect()
            Diagnostics.setRateLimit(seconds: 0)
            try await probe.exporter.export(snapshot)
            #expect(try probe.collect().counterValue("otel.sdk.exporter.metric_data_point.exported", attributes: ["error.type": "rejected"]) == 2, "\(format)")
            #expect(try probe.collect().counterValue("otel.sdk.exporter.metric_data_point.exported") == Double(snapshot.pointCount - 2), "\(format)")
        }
        #expect(try await receiver.received().count == 2)
        let logged = lines.withLock { $0 }
        #expect(logged.filter { $0.contains("rejected 2 data points: 2 points too old") }.count == 2, "\(logged)")
        #expect(!logged.contains { $0.contains("top-secret") })
    }

    @Test(.enabled(if: OTLPReceiver.python != nil, "python3 with opentelemetry-proto is not installed (make test installs it)"))
    func exportsResumeAfterTheCollectorIsDownForTenSeconds() async throws {
        let receiver = try await OTLPReceiver.start()
        defer { receiver.stop() }
        let exporter = OTLPMetricExporter(configuration: configuration(receiver, timeout: .seconds(2)))
        let reader = PeriodicMetricReader(exporter: exporter, interval: .seconds(1), timeout: .seconds(3))
        let provider = MeterProvider(resource: Resource(serviceName: "outage"), readers: [reader])
        let ticks = try provider.meter("outage").counter("ticks")
        let running = Task { try await reader.run() }

        var total = 0
        func tick(for duration: Duration) async throws {
            let end = ContinuousClock.now + duration
            while ContinuousClock.now < end {
                ticks.add(1)
                total += 1
                try await Task.sleep(for: .milliseconds(250))
            }
        }
        try await tick(for: .seconds(2))
        receiver.stop()
        try await tick(for: .seconds(10))
        try await receiver.restart()
        try await tick(for: .seconds(3))

        let expected = String(total)
        let requests = try await receiver.received(within: .seconds(5)) { requests in
            requests.contains { Self.ticks(in: $0) == expected }
        }
        #expect(!requests.isEmpty)
        #expect(requests.contains { Self.ticks(in: $0) == expected }, "last values \(requests.suffix(3).map { Self.ticks(in: $0) ?? "-" }), expected \(expected)")
        #expect(requests.compactMap { Self.ticks(in: $0) }.compactMap { Int($0) }.allSatisfy { $0 > 40 }, "values after the outage are cumulative")
        running.cancel()
        _ = await running.result
    }

    private static func ticks(in request: OTLPReceiver.Received) -> String? {
        let metrics = request.decoded?.value(at: "resource_metrics", 0, "scope_metrics") as? [[String: Any]] ?? []
        for scope in metrics {
            for metric in scope["metrics"] as? [[String: Any]] ?? [] where metric["name"] as? String == "ticks" {
                return metric.value(at: "sum", "data_points", 0, "as_int") as? String
            }
        }
        return nil
    }

    /// A collector name that does not resolve (`.invalid` never does): the export fails as a connection failure,
    /// retried within its timeout, and is counted; nothing waits longer than the timeout.
    @Test func aCollectorNameThatDoesNotResolveFailsWithinTheTimeoutAndIsCounted() async throws {
        var configuration = OTLPExporterConfiguration(endpoint: "http://collector.invalid:4318", timeout: .seconds(1))
        configuration.retryPolicy.initialBackoff = .milliseconds(50)
        let probe = OTLPSelfMetricsProbe(configuration)
        let snapshot = try ShopMetrics().reader.collect()
        let clock = ContinuousClock()
        let start = clock.now
        let error = await #expect(throws: OTLPExportError.self) { try await probe.exporter.export(snapshot) }
        #expect(clock.now - start < .seconds(2))
        guard case .transport(let failure)? = error else {
            Issue.record("expected a transport error, got \(String(describing: error))")
            return
        }
        // Where name lookups hang rather than fail, the timeout ends the export instead.
        #expect(failure.kind == .connectionFailed || failure.kind == .timedOut, "\(failure)")
        #expect(try probe.collect().counterTotal("otel.sdk.exporter.metric_data_point.exported") {
            $0["error.type"] == "connection_failed" || $0["error.type"] == "timeout"
        } == Double(snapshot.pointCount))
    }

    @Test(.enabled(if: OTLPReceiver.python != nil, "python3 with opentelemetry-proto is not installed (make test installs it)"))
    func aCollectorThatNeverAnswersTimesOutWithoutBlockingTheProcess() async throws {
        let receiver = try await OTLPReceiver.start()
        defer { receiver.stop() }
        try await receiver.script([], fallback: ["hang": true])
        let probe = OTLPSelfMetricsProbe(configuration(receiver, timeout: .seconds(1)))
        let shop = try ShopMetrics()
        let snapshot = shop.reader.collect()

        let heartbeats = Task {
            var beats = 0
            let clock = ContinuousClock()
            let start = clock.now
            while clock.now - start < .milliseconds(900) {
                shop.orders.add(1, attributes: ["payment.method": "cash"])
                beats += 1
                try await Task.sleep(for: .milliseconds(10))
            }
            return beats
        }
        let clock = ContinuousClock()
        let start = clock.now
        let error = await #expect(throws: OTLPExportError.self) { try await probe.exporter.export(snapshot) }
        let elapsed = clock.now - start
        guard case .transport(let failure)? = error else {
            Issue.record("expected a transport error, got \(String(describing: error))")
            return
        }
        #expect(failure.kind == .timedOut)
        #expect(elapsed >= .milliseconds(900) && elapsed < .seconds(3), "gave up after \(elapsed)")
        #expect(try await heartbeats.value > 40, "instrument calls and tasks kept running during the export")
        #expect(try probe.collect().counterValue("otel.sdk.exporter.metric_data_point.exported", attributes: ["error.type": "timeout"]) == Double(snapshot.pointCount))
        #expect(try probe.collect().upDownCounterValue("otel.sdk.exporter.metric_data_point.inflight") == 0)
    }
}
