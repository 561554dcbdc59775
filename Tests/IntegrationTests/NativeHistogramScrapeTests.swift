import Foundation
import Testing
import ServiceContextModule
import Vernier
import VernierServer

/// A real Prometheus with native histograms on scrapes a Vernier server in the protobuf format; the test reads
/// counters, classic and native histograms and exemplars back through Prometheus's API.
@Suite("Prometheus scrapes native histograms from a Vernier server", .serialized)
struct NativeHistogramScrapeTests {
    @Test(.enabled(if: Peers.prometheus != nil, "prometheus is not installed (apt-get install prometheus, or make test)"))
    func protobufScrapesCarryCountersHistogramsExemplarsAndNativeHistograms() async throws {
        let jobs = try JobMetrics()
        let server = MetricsServer(host: "127.0.0.1", port: 0, reader: jobs.reader)
        let port = try await server.start()
        let prometheus = try await PrometheusPeer.start(scraping: ["127.0.0.1:\(port)"], nativeHistograms: true)
        defer { prometheus.stop() }

        let up = await prometheus.eventually { await prometheus.instantValue("up{job=\"vernier\"}").flatMap { $0 == 1 ? $0 : nil } }
        #expect(up == 1, "the target never came up:\n\(prometheus.log)")

        let done = await prometheus.eventually { await prometheus.instantValue("jobs_done_total{queue=\"mail\"}") }
        #expect(done == 7)

        // 0.05, 0.3, 0.3, 0.42, 0.7, 2.5: the median is interpolated in (0.1, 0.5], which holds ranks 2 to 4.
        let median = await prometheus.instantValue("histogram_quantile(0.5, sum by (le) (jobs_duration_seconds_bucket))")
        #expect(abs((median ?? 0) - (0.1 + 0.4 * 2 / 3)) < 1e-9, "median \(String(describing: median))")

        for selector in ["jobs_done_total", "jobs_duration_seconds_bucket"] {
            let traceIDs = await prometheus.eventually {
                let ids = await prometheus.exemplarTraceIDs(selector)
                return ids.isEmpty ? nil : ids
            }
            #expect(traceIDs?.contains(JobMetrics.traceID.hex) == true, "exemplars of \(selector): \(String(describing: traceIDs))")
        }

        // Native histograms: a coarse one (scale 5) and a fine one whose scale 12 is merged down to 8.
        #expect(jobs.scale(of: "jobs.load").map { $0 > 8 } == true)
        let payloadCount = await prometheus.eventually { await prometheus.instantValue("histogram_count(jobs_payload_size_bytes)") }
        #expect(payloadCount == 4, "log:\n\(prometheus.log)")
        #expect(await prometheus.instantValue("histogram_sum(jobs_payload_size_bytes)") == 1600)
        #expect(await prometheus.instantValue("histogram_count(jobs_load)") == 3)
        #expect(await prometheus.instantValue("histogram_sum(jobs_load)") == 3.046875)

        // The median of 100, 200, 300, 1000 is the second value, the last in its bucket: Prometheus answers that
        // bucket's upper bound, which is one bucket higher if the index shift between OpenTelemetry and Prometheus
        // were missed.
        let scale = try #require(jobs.scale(of: "jobs.payload.size"))
        let bucketWidth = pow(2, pow(2, -Double(min(scale, 8))))
        let upper = pow(bucketWidth, (log(200) / log(bucketWidth)).rounded(.up))
        let payloadMedian = try #require(await prometheus.instantValue("histogram_quantile(0.5, jobs_payload_size_bytes)"))
        #expect(abs(payloadMedian - upper) < upper * 1e-9, "median \(payloadMedian), bucket up to \(upper), scale \(scale)")

        jobs.done.add(2, attributes: ["queue": "mail"])
        let updated = await prometheus.eventually {
            await prometheus.instantValue("jobs_done_total{queue=\"mail\"}").flatMap { $0 == 9 ? $0 : nil }
        }
        #expect(updated == 9)
        await server.shutdown()
    }
}

/// A provider with a counter, an explicit-bucket histogram and two exponential histograms, fed known values.
private struct JobMetrics {
    static let traceID = TraceID(hex: "0af7651916cd43dd8448eb211c80319c")!
    static let spanID = SpanID(hex: "b7ad6b7169203331")!

    let reader = PullMetricReader()
    let provider: MeterProvider
    let done: Counter<Int>

    init() throws {
        provider = MeterProvider(
            resource: Resource(serviceName: "jobs", serviceInstanceID: "jobs-1"),
            views: [View(instrumentName: "jobs.payload.size", aggregation: .base2ExponentialHistogram()),
                    View(instrumentName: "jobs.load", aggregation: .base2ExponentialHistogram())],
            readers: [reader],
            exemplarFilter: .traceBased
        )
        let meter = provider.meter("jobs.worker", version: "0.1.0")
        done = try meter.counter("jobs.done", unit: "{job}", description: "Jobs finished")
        let duration = try meter.histogram("jobs.duration", unit: "s", description: "Job duration", boundaries: [0.1, 0.5, 1, 5])
        let payload = try meter.histogram("jobs.payload.size", unit: "By", description: "Payload size")
        let load = try meter.histogram("jobs.load", unit: "1", description: "Load")

        done.add(6, attributes: ["queue": "mail"])
        for value in [0.05, 0.3, 0.3, 0.7, 2.5] {
            duration.record(value, attributes: ["queue": "mail"])
        }
        for value in [100.0, 200, 300, 1000] {
            payload.record(value)
        }
        for value in [1.0078125, 1.015625, 1.0234375] {
            load.record(value)
        }
        var context = ServiceContext.topLevel
        context.spanIdentity = SpanIdentity(traceID: Self.traceID, spanID: Self.spanID, isSampled: true)
        ServiceContext.withValue(context) {
            duration.record(0.42, attributes: ["queue": "mail"])
            done.add(1, attributes: ["queue": "mail"])
        }
    }

    /// The scale an exponential histogram settled on, read from a collection.
    func scale(of name: String) -> Int32? {
        for scope in reader.collect().scopes {
            for metric in scope.metrics where metric.name == name {
                if case .exponentialHistogram(let histogram) = metric.data { return histogram.points.first?.scale }
            }
        }
        return nil
    }
}
