import Foundation
import Testing
import Vernier
import VernierRemoteWrite
import VernierTesting

/// The shard count follows the load, and no change of it reorders a series: checked on what a scripted
/// receiver decoded, in the order the requests arrived.
@Suite(
    "Remote-write shards follow the load", .serialized,
    .enabled(if: ScriptedRemoteWriteReceiver.python != nil, "python3 with cramjam is not installed (pip install cramjam, or make test)")
)
struct RemoteWriteReshardingTests {
    /// A counter with `seriesCount` series, each incremented once per `push`.
    struct Load {
        static let seriesCount = 100
        let reader = PullMetricReader()
        let provider: MeterProvider
        let counter: Counter<Int>

        init() throws {
            provider = MeterProvider(resource: Resource(serviceName: "load"), readers: [reader], exemplarFilter: .alwaysOff)
            counter = try provider.meter("load").counter("load.events", unit: "{event}")
        }

        func push(to exporter: RemoteWriteExporter) async throws {
            for series in 0..<Self.seriesCount {
                counter.add(1, attributes: ["series": .int(Int64(series))])
            }
            try await exporter.export(reader.collect())
        }
    }

    /// The samples of `load_events_total` per `series` label, in the order the receiver got them.
    private func samplesBySeries(_ requests: [ScriptedRemoteWriteReceiver.Received]) -> [String: [(value: Double, timestamp: Int)]] {
        var result: [String: [(value: Double, timestamp: Int)]] = [:]
        for request in requests {
            for series in request.series {
                guard let labels = series["labels"] as? [String: String], labels["__name__"] == "load_events_total",
                      let name = labels["series"], let samples = series["samples"] as? [[String: Any]] else { continue }
                for sample in samples {
                    result[name, default: []].append((sample["value"] as? Double ?? .nan, sample["timestamp"] as? Int ?? 0))
                }
            }
        }
        return result
    }

    /// Waits until the exporter runs `count` shards, for at most `timeout`; returns the last count read.
    private func waitForShards(_ count: Double, _ pusher: RemoteWriteSelfMetrics, within timeout: Duration) async throws -> Double {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while try pusher.collect().upDownCounterValue("vernier.sdk.exporter.shard.active") != count, clock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        return try pusher.collect().upDownCounterValue("vernier.sdk.exporter.shard.active")
    }

    /// Each request takes the receiver 100 ms, so one connection carries about 500 samples a second;
    /// the load brings 2000. The exporter adds shards, delivers every sample once and in order per
    /// series, and goes back to one shard when the load stops.
    @Test func aStoreTooSlowForOneConnectionGetsMoreShardsAndEverySeriesStaysInOrder() async throws {
        let receiver = try await ScriptedRemoteWriteReceiver.start(delay: 0.1)
        defer { receiver.stop() }
        let pusher = RemoteWriteSelfMetrics(RemoteWriteConfiguration(
            url: receiver.writeURL, maxSamplesPerSend: 50, batchSendDeadline: .milliseconds(20), capacityPerShard: 100_000,
            maximumShardCount: 8, reshardInterval: .milliseconds(300), flushTimeout: .seconds(20)))
        let load = try Load()
        let rounds = 60
        var mostShards = 0.0
        for _ in 0..<rounds {
            try await load.push(to: pusher.exporter)
            mostShards = try max(mostShards, pusher.collect().upDownCounterValue("vernier.sdk.exporter.shard.active"))
            try await Task.sleep(for: .milliseconds(50))
        }
        try await pusher.exporter.forceFlush()
        let shardsOnceIdle = try await waitForShards(1, pusher, within: .seconds(15))
        await pusher.exporter.shutdown()

        #expect(mostShards > 1, "one connection could not keep up, yet no shard was added")
        #expect(try pusher.collect().upDownCounterValue("vernier.sdk.exporter.shard.desired") == 1)
        #expect(shardsOnceIdle == 1, "the shards did not go back to one after the load stopped")
        let requests = try await receiver.received()
        #expect(requests.allSatisfy { $0.error == nil && $0.status == 204 })
        let samples = samplesBySeries(requests)
        #expect(samples.count == Load.seriesCount)
        for (series, received) in samples {
            #expect(received.map(\.value) == (1...rounds).map(Double.init), "series \(series): every value once, in order")
            #expect(zip(received, received.dropFirst()).allSatisfy { $0.timestamp < $1.timestamp }, "series \(series): timestamps in order")
        }
        #expect(try pusher.givenUp("vernier.sdk.exporter.sample.exported") == 0)
    }

    /// A process that queued on disk with three shards while the store was down leaves three shard
    /// folders; the next one starts with three shards to send those batches before newer samples of the
    /// same series, then goes down to its own maximum of one and removes the folders it no longer uses.
    @Test func shardFoldersLeftOnDiskAreSentFirstThenTheExtraShardsStop() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vernier-rw-shards-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let load = try Load()
        let first = RemoteWriteExporter(configuration: RemoteWriteConfiguration(
            url: "http://127.0.0.1:9/api/v1/write", maxSamplesPerSend: 40, minimumShardCount: 3, maximumShardCount: 3,
            queueDirectory: directory, flushTimeout: .milliseconds(200)))
        try await load.push(to: first)
        try await load.push(to: first)
        await first.shutdown()
        let folders = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        try #require(folders == ["shard-0", "shard-1", "shard-2"])

        let receiver = try await ScriptedRemoteWriteReceiver.start()
        defer { receiver.stop() }
        let second = RemoteWriteSelfMetrics(RemoteWriteConfiguration(
            url: receiver.writeURL, batchSendDeadline: .milliseconds(20), maximumShardCount: 1,
            reshardInterval: .milliseconds(200), queueDirectory: directory, flushTimeout: .seconds(10)))
        #expect(try second.collect().upDownCounterValue("vernier.sdk.exporter.shard.active") == 3)
        try await load.push(to: second.exporter)
        let shards = try await waitForShards(1, second, within: .seconds(10))
        try await load.push(to: second.exporter)
        try await second.exporter.forceFlush()
        await second.exporter.shutdown()

        #expect(shards == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["shard-0"])
        let samples = samplesBySeries(try await receiver.received())
        #expect(samples.count == Load.seriesCount)
        for (series, received) in samples {
            #expect(received.map(\.value) == [1, 2, 3, 4], "series \(series): the queued samples first, then the new ones")
        }
    }
}
