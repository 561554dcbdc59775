import Testing
import Vernier
import VernierPrometheus
@testable import VernierRemoteWrite

@Suite("Write requests through protobuf-c and snappy")
struct WriteRequestEncoderTests {
    private func sample(_ name: String, _ value: Double, at timestamp: Int64, exemplars: [ExemplarSample] = []) -> PendingSample {
        var labels = SeriesLabelBuilder(scope: [], defaults: [PrometheusLabel(name: "job", value: "shop")], naming: PrometheusNaming())
        return PendingSample(
            labels: labels.labels(of: [.empty])[0].named(name),
            value: .number(value), timestamp: timestamp, exemplars: exemplars,
            family: FamilyMetadata(name: name, kind: .counter, help: "Orders placed", unit: ""))
    }

    @Test func eachSampleIsOneTimeSeriesInQueueOrderWithItsExemplarsAndEachFamilyOnce() throws {
        let exemplar = ExemplarSample(labels: [PrometheusLabel(name: "trace_id", value: "abc")], value: 1, timestamp: 900)
        var buffers = RequestBodyBuffers()
        let batch = try EncodedBatch(sequence: 7, samples: [
            sample("orders_total", 1, at: 1000, exemplars: [exemplar]), sample("refunds_total", 0, at: 1000), sample("orders_total", 2, at: 2000),
        ][...], includesMetadata: true, buffers: &buffers)
        #expect(batch.sequence == 7)
        #expect(batch.sampleCount == 3)
        let request = try #require(DecodedWriteRequest(compressed: batch.body))
        #expect(request.series.map(\.name) == ["orders_total", "refunds_total", "orders_total"])
        #expect(request.series[0].labels.map(\.name) == ["__name__", "job"])
        #expect(request.series.map { $0.samples.map(\.value) } == [[1], [0], [2]])
        #expect(request.series.map { $0.samples.map(\.timestamp) } == [[1000], [1000], [2000]])
        #expect(request.series[0].exemplars.map(\.labels) == [["trace_id": "abc"]])
        #expect(request.series[0].exemplars.map(\.timestamp) == [900])
        #expect(request.series[2].exemplars.isEmpty)
        #expect(request.metadata == [
            .init(type: 1, family: "orders_total", help: "Orders placed", unit: ""),
            .init(type: 1, family: "refunds_total", help: "Orders placed", unit: ""),
        ])
    }

    /// Label messages are shared between series; every decoded series must still carry exactly its own labels.
    @Test func sharedLabelMessagesDecodeToEachSeriesOwnLabels() throws {
        let snapshot = SnapshotFixtures.snapshot([
            SnapshotFixtures.counter(points: [
                SnapshotFixtures.point(1, ["payment.method": "card"]), SnapshotFixtures.point(2, ["payment.method": "cash"]),
                SnapshotFixtures.point(3, ["payment.method": "card", "le": "x"]), SnapshotFixtures.point(4, .empty),
            ]),
            SnapshotFixtures.histogram(),
        ])
        let samples = SnapshotTranslator(naming: PrometheusNaming(), externalLabels: [("A", "upper")]).translate(snapshot).samples
        var buffers = RequestBodyBuffers()
        for _ in 0..<2 {
            let batch = try EncodedBatch(sequence: 0, samples: samples[...], includesMetadata: true, buffers: &buffers)
            let request = try #require(DecodedWriteRequest(compressed: batch.body))
            #expect(request.series.map { $0.labels.map { "\($0.name)=\($0.value)" } }
                == samples.map { $0.labels.map { "\($0.name)=\($0.value)" } })
        }
    }

    @Test func nativeHistogramsGoInTheHistogramsFieldWithTheirFamilyMetadata() throws {
        let snapshot = SnapshotFixtures.snapshot([SnapshotFixtures.exponentialHistogram()])
        let samples = SnapshotTranslator(naming: PrometheusNaming(), externalLabels: []).translate(snapshot).samples
        var buffers = RequestBodyBuffers()
        let batch = try EncodedBatch(sequence: 0, samples: samples[...], includesMetadata: true, buffers: &buffers)
        let request = try #require(DecodedWriteRequest(compressed: batch.body))
        let series = try #require(request.series("shop_latency_seconds", ["route": "/a"]).first)
        #expect(series.samples.isEmpty)
        #expect(series.histograms == [DecodedWriteRequest.Histogram(
            count: 6, sum: 9.5, schema: 8, zeroThreshold: 0x1p-128, zeroCount: 1,
            positiveSpans: [.init(offset: 1, length: 2)], positiveDeltas: [3, -2],
            negativeSpans: [.init(offset: 0, length: 1)], negativeDeltas: [1],
            resetHint: 0, timestamp: 1_700_000_060_123)])
        #expect(series.exemplars.map(\.value) == [3])
        #expect(request.metadata.contains(.init(type: 3, family: "shop_latency_seconds", help: "Latency", unit: "seconds")))
    }

    @Test func buffersServeALargerRequestAfterASmallerOne() throws {
        var buffers = RequestBodyBuffers()
        let small = try EncodedBatch(sequence: 0, samples: [sample("orders_total", 1, at: 1)][...], includesMetadata: true, buffers: &buffers)
        let many = (0..<5000).map { sample("orders_total", Double($0), at: Int64($0) + 1) }
        let large = try EncodedBatch(sequence: 1, samples: many[...], includesMetadata: true, buffers: &buffers)
        let again = try EncodedBatch(sequence: 2, samples: [sample("orders_total", 1, at: 1)][...], includesMetadata: true, buffers: &buffers)
        #expect(try #require(DecodedWriteRequest(compressed: large.body)).series.map { $0.samples.map(\.value) } == (0..<5000).map { [Double($0)] })
        #expect(again.body == small.body)
    }

    @Test func metadataIsLeftOutWhenNotWanted() throws {
        var buffers = RequestBodyBuffers()
        let batch = try EncodedBatch(sequence: 0, samples: [sample("orders_total", 1, at: 1)][...], includesMetadata: false, buffers: &buffers)
        #expect(try #require(DecodedWriteRequest(compressed: batch.body)).metadata.isEmpty)
    }

    @Test func snappyRoundTripsAndRejectsGarbage() throws {
        let text = Array(String(repeating: "remote write ", count: 200).utf8)
        var output = [UInt8](repeating: 0, count: Snappy.maxCompressedLength(text.count))
        let length = try text.withUnsafeBytes { input in
            try output.withUnsafeMutableBytes { try Snappy.compress(input, into: $0) }
        }
        let compressed = Array(output[..<length])
        #expect(compressed.count < text.count / 4)
        #expect(Snappy.decompress(compressed) == text)
        #expect(Snappy.decompress([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]) == nil)
    }

    @Test func publicEncoderReportsSizesOfAWholeSnapshot() throws {
        let encoder = RemoteWriteRequestEncoder(configuration: RemoteWriteConfiguration(url: "http://127.0.0.1:1/api/v1/write"))
        let body = try encoder.encode(SnapshotFixtures.snapshot([SnapshotFixtures.histogram()]))
        #expect(body.sampleCount == 8)
        let request = try #require(DecodedWriteRequest(compressed: body.bytes))
        #expect(request.series.count == 8)
        #expect(Snappy.decompress(body.bytes)?.count == body.uncompressedSize)
        #expect(request.series("shop_checkout_duration_seconds_bucket", ["le": "0.5"]).first?.exemplars.map(\.value) == [0.42])
        #expect(request.metadata.map(\.family) == ["target_info", "shop_checkout_duration_seconds"])
    }
}
