import Foundation
import Testing
import Vernier
import VernierRemoteWrite
import VernierTesting

/// Pushes exponential histograms as native histograms into Debian's Prometheus with native histograms on,
/// then reads their counts, sums and buckets back through its HTTP API.
@Suite(
    "Remote write of native histograms into a real Prometheus", .serialized,
    .enabled(if: Peers.prometheus != nil, "prometheus is not installed (apt-get install prometheus, or make test)")
)
struct RemoteWriteNativeHistogramTests {
    @Test func exponentialHistogramsReadBackWithExactCountsSumsAndBuckets() async throws {
        let prometheus = try await PrometheusPeer.start(nativeHistograms: true)
        defer { prometheus.stop() }
        let reader = PullMetricReader()
        let provider = MeterProvider(
            resource: Resource(serviceName: "jobs", serviceInstanceID: "jobs-1"),
            views: [View(instrumentName: "jobs.payload.size", aggregation: .base2ExponentialHistogram()),
                    View(instrumentName: "jobs.load", aggregation: .base2ExponentialHistogram())],
            readers: [reader]
        )
        let meter = provider.meter("jobs.worker", version: "0.1.0")
        let payload = try meter.histogram("jobs.payload.size", unit: "By", description: "Payload size")
        let load = try meter.histogram("jobs.load", unit: "1", description: "Load")
        for value in [100.0, 200, 300, 1000] {
            payload.record(value, attributes: ["queue": "mail"])
        }
        // Values this close need a scale above 8, which is merged down; the negative one has its own buckets.
        for value in [1.0078125, 1.015625, 1.0234375, -2] {
            load.record(value)
        }
        let snapshot = reader.collect()
        #expect(try snapshot.exponentialHistogram("jobs.load").scale > 8)

        let exporter = RemoteWriteExporter(configuration: RemoteWriteConfiguration(url: prometheus.baseURL + "/api/v1/write"))
        try await exporter.export(snapshot)
        try await exporter.forceFlush()
        await exporter.shutdown()

        let payloadSeries = #"jobs_payload_size_bytes{job="jobs",instance="jobs-1",otel_scope_name="jobs.worker",queue="mail"}"#
        let count = await prometheus.eventually { await prometheus.instantValue("histogram_count(\(payloadSeries))") }
        #expect(count == 4, "log:\n\(prometheus.log)")
        #expect(await prometheus.instantValue("histogram_sum(\(payloadSeries))") == 1600)
        #expect(await prometheus.instantValue("histogram_count(jobs_load)") == 4)
        #expect(await prometheus.instantValue("histogram_sum(jobs_load)") == 1.046875)
        // Native histograms have no classic series.
        #expect(await prometheus.instantValue("jobs_payload_size_bytes_count") == nil)

        // The median of 100, 200, 300, 1000 is 200, the last value in its bucket: Prometheus answers that bucket's
        // upper bound, which is one bucket higher if the index shift between OpenTelemetry and Prometheus were
        // missed.
        let payloadScale = try snapshot.exponentialHistogram("jobs.payload.size", attributes: ["queue": "mail"]).scale
        let bucketWidth = pow(2, pow(2, -Double(min(payloadScale, 8))))
        let upper = pow(bucketWidth, (log(200) / log(bucketWidth)).rounded(.up))
        let median = try #require(await prometheus.instantValue("histogram_quantile(0.5, \(payloadSeries))"))
        #expect(abs(median - upper) < upper * 1e-9, "median \(median), bucket up to \(upper), scale \(payloadScale)")
    }
}
