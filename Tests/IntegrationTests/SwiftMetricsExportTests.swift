import CoreMetrics
import Foundation
import SwiftMetricsOnlyLibrary
import Testing
import Vernier
import VernierOTLP
import VernierPrometheus
import VernierRemoteWrite
import VernierSwiftMetrics

/// A library that knows only swift-metrics records through `VernierMetricsFactory`; its values are read back by
/// prometheus-client's parser from `/metrics`, by opentelemetry-proto from an OTLP push, and by a real
/// Prometheus from a remote-write push.
@Suite("swift-metrics values through every exporter", .serialized)
struct SwiftMetricsExportTests {
    /// Records the same workload through a fresh provider with the given readers.
    private func record(into readers: [any MetricReader]) -> MeterProvider {
        let provider = MeterProvider(resource: Resource(serviceName: "jobs", serviceInstanceID: "jobs-1"), readers: readers)
        let factory = VernierMetricsFactory(meterProvider: provider)
        let queue = JobQueue(name: "mail", factory: factory)
        queue.complete(revenue: 2.5, payloadBytes: 300, nanoseconds: 40_000_000, depthAfter: 7)
        queue.complete(revenue: 1.25, payloadBytes: 90, nanoseconds: 2_000_000_000, depthAfter: 3)
        queue.setInFlight(4)
        // Names as Hummingbird and Vapor record them.
        Timer(label: "http.server.request.duration", dimensions: [("http.route", "/jobs")], factory: factory).recordMilliseconds(30)
        CoreMetrics.Counter(label: "http_requests_total", dimensions: [("status", "200")], factory: factory).increment(by: 9)
        return provider
    }

    @Test(.enabled(if: Peers.pythonWithPrometheusClient != nil, "python3 with prometheus-client is not installed (make pip-deps)"))
    func scrapeShowsEveryKind() async throws {
        let reader = PullMetricReader()
        _ = record(into: [reader])
        let body = PrometheusExposition().render(reader.collect(), format: .prometheusText).body
        let families = try await ParsedExposition.parse(body, format: .prometheusText)
        let mail = ["queue": "mail"]
        #expect(families.value(of: "jobs_processed_total", mail) == 2)
        #expect(families.value(of: "jobs_revenue_total", mail) == 3.75)
        #expect(families.value(of: "jobs_in_flight", mail) == 4)
        #expect(families.value(of: "jobs_queue_depth", mail) == 3)
        #expect(families.value(of: "jobs_payload_size_count", mail) == 2)
        #expect(families.value(of: "jobs_payload_size_sum", mail) == 390)
        #expect(families.value(of: "jobs_duration_seconds_count", mail) == 2)
        #expect(families.value(of: "jobs_duration_seconds_bucket", mail.merging(["le": "0.05"]) { $1 }) == 1)
        #expect(families.value(of: "jobs_duration_seconds_sum", mail) == 2.04)
        #expect(families.value(of: "http_server_request_duration_seconds_count", ["http_route": "/jobs"]) == 1)
        #expect(families.value(of: "http_requests_total", ["status": "200"]) == 9)
        #expect(families.family("jobs_in_flight")?.type == "gauge")
        #expect(families.family("jobs_duration_seconds")?.type == "histogram")
    }

    @Test(.enabled(if: OTLPReceiver.python != nil, "python3 with opentelemetry-proto is not installed (make test installs it)"))
    func otlpCarriesEveryKind() async throws {
        let receiver = try await OTLPReceiver.start()
        defer { receiver.stop() }
        let exporter = OTLPMetricExporter(configuration: OTLPExporterConfiguration(endpoint: receiver.baseURL))
        let provider = record(into: [PeriodicMetricReader(exporter: exporter)])
        await provider.shutdown()

        let request = try #require(try await receiver.received().first { $0.path == "/v1/metrics" })
        let mail = ["queue": "mail"]
        #expect(otlpPoint(otlpMetric(request, "jobs.processed"), "sum", where: mail)?["as_int"] as? String == "2")
        #expect(otlpPoint(otlpMetric(request, "jobs.revenue"), "sum", where: mail)?["as_double"] as? Double == 3.75)
        let inFlight = otlpMetric(request, "jobs.in_flight")
        #expect(otlpPoint(inFlight, "sum", where: mail)?["as_double"] as? Double == 4)
        #expect(inFlight?.value(at: "sum", "is_monotonic") as? Int == nil, "a swift-metrics Meter is a non-monotonic sum")
        #expect(otlpPoint(otlpMetric(request, "jobs.queue.depth"), "gauge", where: mail)?["as_double"] as? Double == 3)
        let duration = otlpMetric(request, "jobs.duration")
        #expect(duration?["unit"] as? String == "s")
        #expect(otlpPoint(duration, "histogram", where: mail)?["count"] as? String == "2")
        #expect(otlpPoint(duration, "histogram", where: mail)?["sum"] as? Double == 2.04)
        #expect(otlpPoint(otlpMetric(request, "jobs.payload.size"), "histogram", where: mail)?["sum"] as? Double == 390)
    }

    @Test(.enabled(if: Peers.prometheus != nil, "prometheus is not installed (apt-get install prometheus, or make test)"))
    func remoteWriteReachesPrometheus() async throws {
        let prometheus = try await PrometheusPeer.start()
        defer { prometheus.stop() }
        let exporter = RemoteWriteExporter(configuration: RemoteWriteConfiguration(url: prometheus.baseURL + "/api/v1/write"))
        let provider = record(into: [PeriodicMetricReader(exporter: exporter)])
        await provider.shutdown()

        let series = #"job="jobs",instance="jobs-1",queue="mail""#
        #expect(await prometheus.instantValue("jobs_processed_total{\(series)}") == 2)
        #expect(await prometheus.instantValue("jobs_revenue_total{\(series)}") == 3.75)
        #expect(await prometheus.instantValue("jobs_in_flight{\(series)}") == 4)
        #expect(await prometheus.instantValue("jobs_queue_depth{\(series)}") == 3)
        #expect(await prometheus.instantValue("jobs_duration_seconds_count{\(series)}") == 2)
        #expect(await prometheus.instantValue(#"jobs_duration_seconds_bucket{\#(series),le="2.5"}"#) == 2)
        #expect(await prometheus.instantValue(#"http_requests_total{job="jobs",status="200"}"#) == 9)
    }
}
