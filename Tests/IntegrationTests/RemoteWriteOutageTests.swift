import Foundation
import Testing
import Vernier
import VernierRemoteWrite
import VernierTesting

/// A Prometheus that goes away while Vernier keeps pushing: nothing of the outage may be lost.
@Suite(
    "Remote write through a Prometheus outage", .serialized,
    .enabled(if: Peers.prometheus != nil, "prometheus is not installed (apt-get install prometheus, or make test)")
)
struct RemoteWriteOutageTests {
    private func configuration(_ prometheus: PrometheusPeer, queueDirectory: String? = nil) -> RemoteWriteConfiguration {
        RemoteWriteConfiguration(
            url: prometheus.baseURL + "/api/v1/write", batchSendDeadline: .milliseconds(100), queueDirectory: queueDirectory,
            maximumBackoff: .seconds(1), requestTimeout: .seconds(5), flushTimeout: .seconds(15))
    }

    /// Pushes every second through a periodic reader; Prometheus is down for 20 of them and comes back on
    /// the same data directory. Every sample collected in the run is then stored, with its value and time.
    @Test func everySampleOfTheOutageArrivesWhenPrometheusComesBack() async throws {
        var prometheus = try await PrometheusPeer.start()
        defer { prometheus.stop() }
        let sequence = try RemoteWriteSequence()
        let pusher = RemoteWriteSelfMetrics(configuration(prometheus))
        var collected: [RemoteWriteSequence.Sample] = []

        func push(seconds: Int) async throws {
            for _ in 0..<seconds {
                let (snapshot, sample) = sequence.collect()
                collected.append(sample)
                try await pusher.exporter.export(snapshot)
                try await Task.sleep(for: .seconds(1))
            }
        }

        try await push(seconds: 3)
        prometheus.stopKeepingData()
        try await push(seconds: 20)
        #expect(try pusher.collect().counterValue("vernier.sdk.exporter.sample.retried") > 0)
        #expect(try pusher.collect().upDownCounterValue("otel.sdk.exporter.metric_data_point.inflight") > 0)
        prometheus = try await prometheus.restarted()
        try await push(seconds: 2)
        try await pusher.exporter.forceFlush()
        await pusher.exporter.shutdown()

        let stored = await prometheus.rawSamples(#"outage_sequence{job="outage",instance="outage-1"}"#)
        #expect(stored == collected, "Prometheus log:\n\(prometheus.log)")
        #expect(try pusher.givenUp("vernier.sdk.exporter.sample.exported") == 0)
        #expect(try pusher.collect().upDownCounterValue("otel.sdk.exporter.metric_data_point.inflight") == 0)
    }

    /// The process stops while Prometheus is down; its batches wait on disk, and the next process (a second
    /// exporter on the same directory) sends them once Prometheus is back.
    @Test func batchesQueuedOnDiskArriveAfterBothRestart() async throws {
        var prometheus = try await PrometheusPeer.start()
        defer { prometheus.stop() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vernier-rw-queue-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let sequence = try RemoteWriteSequence()
        var collected: [RemoteWriteSequence.Sample] = []

        var configuration = configuration(prometheus, queueDirectory: directory)
        configuration.flushTimeout = .seconds(1)
        let first = RemoteWriteExporter(configuration: configuration)
        func push(_ exporter: RemoteWriteExporter) async throws {
            let (snapshot, sample) = sequence.collect()
            collected.append(sample)
            try await exporter.export(snapshot)
            try await Task.sleep(for: .milliseconds(20))
        }
        try await push(first)
        try await first.forceFlush()
        prometheus.stopKeepingData()
        for _ in 0..<3 { try await push(first) }
        await first.shutdown()
        let queued = try FileManager.default.contentsOfDirectory(atPath: directory + "/shard-0").filter { $0.hasSuffix(".rwb") }
        #expect(!queued.isEmpty)

        prometheus = try await prometheus.restarted()
        configuration.flushTimeout = .seconds(15)
        let second = RemoteWriteExporter(configuration: configuration)
        try await push(second)
        try await second.forceFlush()
        await second.shutdown()

        #expect(collected.count == 5)
        #expect(await prometheus.rawSamples("outage_sequence") == collected, "Prometheus log:\n\(prometheus.log)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/shard-0").isEmpty)
    }
}
