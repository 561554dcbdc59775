import Foundation
import Testing
import Vernier
@testable import VernierRemoteWrite
import VernierTesting

@Suite("The exporter's queue while the store is unreachable")
struct RemoteWriteExporterTests {
    /// Nothing listens on port 9 of the loopback interface, so every connection is refused and retried.
    static let unreachable = "http://127.0.0.1:9/api/v1/write"

    private func configuration(queueDirectory: String? = nil) -> RemoteWriteConfiguration {
        RemoteWriteConfiguration(
            url: Self.unreachable, maxSamplesPerSend: 10, batchSendDeadline: .seconds(60), capacityPerShard: 30,
            queueDirectory: queueDirectory, flushTimeout: .milliseconds(200))
    }

    /// Ten counter series; the resource has nothing for `target_info` beyond `job`.
    private func snapshot(value: Int64) -> MetricsSnapshot {
        SnapshotFixtures.snapshot(
            [SnapshotFixtures.counter(points: (0..<10).map { SnapshotFixtures.point(value, ["series": .int(Int64($0))]) })],
            resource: Resource(attributes: ["service.name": "shop"]))
    }

    @Test func aFullQueueDropsItsOldestSamplesAndShutdownCountsTheRest() async throws {
        let exporter = RemoteWriteExporter(configuration: configuration())
        let probe = SelfMetricsProbe(exporter)
        for value in 1...5 {
            try await exporter.export(snapshot(value: Int64(value)))
        }
        #expect(try probe.collect().counterValue("vernier.sdk.exporter.sample.exported", attributes: ["error.type": "queue_full"]) == 20)
        #expect(try probe.collect().counterValue("otel.sdk.exporter.metric_data_point.exported", attributes: ["error.type": "queue_full"]) == 20)
        #expect(try probe.collect().upDownCounterValue("vernier.sdk.exporter.sample.inflight") == 30)
        #expect(try probe.collect().upDownCounterValue("otel.sdk.exporter.metric_data_point.inflight") == 30)
        #expect(try probe.collect().counterValue("vernier.sdk.exporter.sample.exported") == 0)

        await #expect(throws: RemoteWriteError.flushTimedOut(.milliseconds(200))) { try await exporter.forceFlush() }
        await exporter.shutdown()
        #expect(try probe.collect().counterValue("vernier.sdk.exporter.sample.exported", attributes: ["error.type": "shutdown"]) == 30)
        #expect(try probe.collect().upDownCounterValue("vernier.sdk.exporter.sample.inflight") == 0)
        #expect(try probe.collect().upDownCounterValue("otel.sdk.exporter.metric_data_point.inflight") == 0)
        await #expect(throws: RemoteWriteError.shutDown) { try await exporter.export(snapshot(value: 6)) }
        #expect(try probe.collect().counterValue("vernier.sdk.exporter.sample.exported", attributes: ["error.type": "shutdown"]) == 40)
        #expect(try probe.collect().counterValue("otel.sdk.exporter.metric_data_point.exported", attributes: ["error.type": "shutdown"]) == 40)
        #expect(try probe.collect().upDownCounterValue("otel.sdk.exporter.metric_data_point.inflight") == 0)
    }

    @Test func aHistogramPointIsOneDataPointOfManySamples() async throws {
        let exporter = RemoteWriteExporter(configuration: configuration())
        let probe = SelfMetricsProbe(exporter)
        try await exporter.export(SnapshotFixtures.snapshot([SnapshotFixtures.histogram(), SnapshotFixtures.exponentialHistogram()]))
        #expect(try probe.collect().upDownCounterValue("otel.sdk.exporter.metric_data_point.inflight") == 2)
        #expect(try probe.collect().upDownCounterValue("vernier.sdk.exporter.sample.inflight") == 9, "five buckets, _sum and _count, a native histogram, target_info")
        await exporter.shutdown()
        #expect(try probe.collect().counterValue("otel.sdk.exporter.metric_data_point.exported", attributes: ["error.type": "shutdown"]) == 2)
        #expect(try probe.collect().counterValue("vernier.sdk.exporter.sample.exported", attributes: ["error.type": "shutdown"]) == 9)
        #expect(try probe.collect().upDownCounterValue("otel.sdk.exporter.metric_data_point.inflight") == 0)
    }

    @Test func batchesOnDiskOutliveTheExporterAndAreAdoptedByTheNextOne() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let first = RemoteWriteExporter(configuration: configuration(queueDirectory: directory.path))
        try await first.export(snapshot(value: 1))
        try await first.export(snapshot(value: 2))
        await first.shutdown()
        #expect(directory.files(in: "shard-0") == [QueueFile.name(sequence: 0), QueueFile.name(sequence: 1)])

        let second = RemoteWriteExporter(configuration: configuration(queueDirectory: directory.path))
        let probe = SelfMetricsProbe(second)
        #expect(try probe.collect().upDownCounterValue("vernier.sdk.exporter.sample.inflight") == 20)
        #expect(try probe.collect().upDownCounterValue("otel.sdk.exporter.metric_data_point.inflight") == 0, "the points were handed to the earlier exporter")
        try await second.export(snapshot(value: 3))
        await second.shutdown()
        #expect(try probe.givenUp("vernier.sdk.exporter.sample.exported") == 0)
        #expect(try probe.collect().upDownCounterValue("otel.sdk.exporter.metric_data_point.inflight") == 10, "queued on disk for the next process")
        #expect(directory.files(in: "shard-0") == (0..<3).map { QueueFile.name(sequence: UInt64($0)) })
    }

    /// A full disk: the batch files the exporter would write lead to /dev/full, which answers every write with
    /// ENOSPC. The batches are dropped and counted, the earlier ones stay intact, and exporting never blocks.
    @Test func aFullDiskDropsTheNewBatchesWithACountAndKeepsTheQueue() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let first = RemoteWriteExporter(configuration: configuration(queueDirectory: directory.path))
        try await first.export(snapshot(value: 1))
        await first.shutdown()
        let second = RemoteWriteExporter(configuration: configuration(queueDirectory: directory.path))
        let probe = SelfMetricsProbe(second)
        // After the exporter adopted the queue, which removes files left half-written.
        let shard = directory.path + "/shard-0/"
        for sequence in 1...3 {
            try FileManager.default.createSymbolicLink(
                atPath: shard + QueueFile.name(sequence: UInt64(sequence)) + QueueFile.temporaryExtension, withDestinationPath: "/dev/full")
        }
        let clock = ContinuousClock()
        let start = clock.now
        try await second.export(snapshot(value: 2))
        #expect(clock.now - start < .seconds(1), "a failed write does not hold the export up")
        #expect(try probe.collect().counterValue("vernier.sdk.exporter.sample.exported", attributes: ["error.type": "queue_write"]) == 10)
        #expect(try probe.collect().counterValue("otel.sdk.exporter.metric_data_point.exported", attributes: ["error.type": "queue_write"]) == 10)
        await second.shutdown()
        let queued = try QueueFile.batch(sequence: 0, from: Array(try Data(contentsOf: URL(fileURLWithPath: shard + QueueFile.name(sequence: 0)))))
        #expect(queued.sampleCount == 10, "the batch queued before the disk filled up is intact")
    }

    @Test func shardsSplitSeriesTheSameWayInEveryProcess() throws {
        let translation = SnapshotTranslator(naming: .init(), externalLabels: []).translate(snapshot(value: 1))
        let hashes = translation.samples.map(\.stableSeriesHash)
        #expect(Set(hashes).count == translation.samples.count)
        #expect(hashes == SnapshotTranslator(naming: .init(), externalLabels: []).translate(snapshot(value: 2)).samples.map(\.stableSeriesHash))
        var labels = SeriesLabelBuilder(scope: [], defaults: [], naming: .init())
        let up = PendingSample(labels: labels.labels(of: [.empty])[0].named("up"), value: .number(1), timestamp: 0, exemplars: [],
                               family: FamilyMetadata(name: "up", kind: .gauge, help: "", unit: ""))
        #expect(up.stableSeriesHash == 0xa6a0_ca87_086e_c4a8, "FNV-1a, independent of the process's hash seed")
    }
}
