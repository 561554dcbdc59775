import Foundation
import Testing
import Vernier
import VernierRemoteWrite
import VernierTesting

/// A scripted receiver (`Peers/remote_write_receiver.py`) answers with chosen statuses and decodes every
/// body with cramjam's snappy and its own protobuf reader, independently of libsnappy and protobuf-c.
@Suite(
    "Remote write against a scripted receiver", .serialized,
    .enabled(if: ScriptedRemoteWriteReceiver.python != nil, "python3 with cramjam is not installed (pip install cramjam, or make test)")
)
struct RemoteWriteReceiverTests {
    private func configuration(_ base: String) -> RemoteWriteConfiguration {
        RemoteWriteConfiguration(
            url: base + "/api/v1/write", authorization: .bearer(token: "s3cr3t"),
            headers: [("X-Scope-OrgID", "tenant-1"), ("Content-Encoding", "gzip")], batchSendDeadline: .milliseconds(50),
            flushTimeout: .seconds(10))
    }

    @Test func a400IsTriedOnceDroppedAndCounted() async throws {
        let receiver = try await ScriptedRemoteWriteReceiver.start(answering: [400])
        defer { receiver.stop() }
        let pusher = RemoteWriteSelfMetrics(configuration(receiver.base))
        let snapshot = try ShopMetrics().reader.collect()
        try await pusher.exporter.export(snapshot)
        try await pusher.exporter.forceFlush()
        try await Task.sleep(for: .milliseconds(500))
        await pusher.exporter.shutdown()

        let requests = try await receiver.received()
        try #require(requests.count == 1, "one attempt only")
        let request = requests[0]
        #expect(request.status == 400)
        #expect(request.error == nil)
        #expect(request.headers["content-encoding"] == "snappy")
        #expect(request.headers["content-type"] == "application/x-protobuf")
        #expect(request.headers["x-prometheus-remote-write-version"] == "0.1.0")
        #expect(request.headers["user-agent"]?.hasPrefix("Vernier/") == true)
        #expect(request.headers["authorization"] == "Bearer s3cr3t")
        #expect(request.headers["x-scope-orgid"] == "tenant-1")
        #expect(request.sampleCount > 10)
        #expect(try pusher.collect().counterValue("vernier.sdk.exporter.sample.exported", attributes: ["error.type": "400"]) == Double(request.sampleCount))
        #expect(try pusher.collect().counterValue("vernier.sdk.exporter.sample.exported") == 0)
        #expect(try pusher.collect().counterValue("vernier.sdk.exporter.sample.retried") == 0)
        #expect(try pusher.collect().counterValue("otel.sdk.exporter.metric_data_point.exported", attributes: ["error.type": "400"]) == Double(snapshot.pointCount))
        #expect(try pusher.collect().upDownCounterValue("otel.sdk.exporter.metric_data_point.inflight") == 0)
        #expect(try pusher.collect().histogram("otel.sdk.exporter.operation.duration", attributes: ["error.type": "400", "http.response.status_code": 400]).count == 1)
    }

    /// A store that answers 413 to every request: each batch is tried once, dropped and counted, and the
    /// application's exports never wait for it.
    @Test func aStoreAnswering413ForeverDropsEachBatchOnceWithoutHoldingExportsUp() async throws {
        let receiver = try await ScriptedRemoteWriteReceiver.start(answering: Array(repeating: 413, count: 100))
        defer { receiver.stop() }
        let pusher = RemoteWriteSelfMetrics(configuration(receiver.base))
        let shop = try ShopMetrics()
        let clock = ContinuousClock()
        var slowest = Duration.zero
        for round in 1...10 {
            shop.orders.add(round, attributes: ["payment.method": "cash"])
            let start = clock.now
            try await pusher.exporter.export(shop.reader.collect())
            slowest = max(slowest, clock.now - start)
            try await Task.sleep(for: .milliseconds(100))
        }
        try await pusher.exporter.forceFlush()
        await pusher.exporter.shutdown()

        let requests = try await receiver.received()
        #expect(!requests.isEmpty && requests.allSatisfy { $0.status == 413 })
        #expect(slowest < .milliseconds(100), "an export waited \(slowest) for a store that refuses everything")
        let sent = requests.reduce(0) { $0 + $1.sampleCount }
        #expect(try pusher.collect().counterValue("vernier.sdk.exporter.sample.exported", attributes: ["error.type": "413"]) == Double(sent))
        #expect(try pusher.collect().counterValue("vernier.sdk.exporter.sample.retried") == 0, "4xx is final")
    }

    @Test func a503ThenA200DeliversTheSameBatchOnce() async throws {
        let receiver = try await ScriptedRemoteWriteReceiver.start(answering: [503, 200])
        defer { receiver.stop() }
        let pusher = RemoteWriteSelfMetrics(configuration(receiver.base))
        let snapshot = try ShopMetrics().reader.collect()
        try await pusher.exporter.export(snapshot)
        try await pusher.exporter.forceFlush()
        try await Task.sleep(for: .milliseconds(500))
        await pusher.exporter.shutdown()

        let requests = try await receiver.received()
        try #require(requests.count == 2, "one retry, then nothing more")
        #expect(requests.map(\.status) == [503, 200])
        #expect(requests.map(\.error) == [nil, nil])
        #expect(requests[0].compressedSize == requests[1].compressedSize)
        #expect(requests[0].sampleCount == requests[1].sampleCount)
        let names = requests[1].series.compactMap { ($0["labels"] as? [String: String])?["__name__"] }
        #expect(names.contains("shop_orders_total"))
        #expect(names.contains("shop_checkout_duration_seconds_bucket"))
        let samples = Double(requests[1].sampleCount)
        #expect(try pusher.collect().counterValue("vernier.sdk.exporter.sample.exported") == samples)
        #expect(try pusher.collect().counterValue("vernier.sdk.exporter.sample.retried") == samples)
        #expect(try pusher.givenUp("vernier.sdk.exporter.sample.exported") == 0)
        #expect(try pusher.collect().counterValue("otel.sdk.exporter.metric_data_point.exported") == Double(snapshot.pointCount))
        #expect(try pusher.collect().histogram("otel.sdk.exporter.operation.duration", attributes: ["http.response.status_code": 200]).count == 1, "one operation, its retry included")
    }
}
