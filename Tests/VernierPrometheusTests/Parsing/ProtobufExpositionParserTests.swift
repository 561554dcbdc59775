import Foundation
import Testing
import Vernier
import VernierPrometheus

/// The protobuf exposition read back into families and mapped: a body Python's protobuf encoded, bodies of
/// Vernier's own writer (whose protobuf is checked against protobuf-c and Prometheus elsewhere); `make
/// test-bridge` reads a real Prometheus's protobuf.
@Suite("Protobuf exposition parser")
struct ProtobufExpositionParserTests {
    private static func readBack(_ metrics: [Metric]) throws -> (families: [ScrapedFamily], mapped: [Metric]) {
        let body = PrometheusExposition().render(ProtobufExpositionTests.snapshot(metrics), format: .protobuf).body
        let families = try ProtobufExpositionParser().parse(body)
        var startTimes = StartTimeTracker()
        return (families, ExpositionMapping().map(families, time: ShopSnapshot.now, startTimes: &startTimes).metrics)
    }

    /// `Tests/Fuzz/Seeds/exposition-protobuf/every-type`, encoded by Python's protobuf from `Protos/prometheus/metrics.proto`.
    @Test func aBodyPythonsProtobufEncodedReadsWithEveryType() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fuzz/Seeds/exposition-protobuf/every-type")
        let families = try ProtobufExpositionParser().parse(Array(try Data(contentsOf: file)))
        #expect(families.map(\.name) == ["requests_total", "temperature", "latency_seconds", "rpc_seconds"])
        let request = try #require(families.first?.series.first)
        #expect(request.value == .number(7) && request.createdSeconds == 1_700_000_000 && request.labels == [ScrapedLabel(name: "code", value: "200")])
        #expect(request.exemplars.first?.labels == [ScrapedLabel(name: "trace_id", value: "4bf92f3577b34da6a3ce929d0e0e4736")])
        #expect(families[1].series.first?.value == .number(21.5))
        #expect(families[2].series[0].value == .nativeHistogram(ScrapedNativeHistogram(
            schema: 3, zeroThreshold: 1e-128, zeroCount: 1, positive: .init(offset: -2, counts: [1, 2, 0, 0, 0, 1]),
            negative: .init(offset: 0, counts: []), count: 6, sum: 3.5)))
        #expect(families[2].series[1].value == .histogram(ScrapedHistogram(
            buckets: [ScrapedBucket(upperBound: 0.5, cumulativeCount: 1), ScrapedBucket(upperBound: 1, cumulativeCount: 3),
                      ScrapedBucket(upperBound: .infinity, cumulativeCount: 3)], count: 3, sum: 1.5)))
        #expect(families[3].series.first?.value == .summary(ScrapedSummary(quantiles: [ScrapedQuantile(quantile: 0.5, value: 0.4)], count: 4, sum: 2)))

        var startTimes = StartTimeTracker()
        let mapping = ExpositionMapping().map(families, time: ShopSnapshot.now, startTimes: &startTimes)
        #expect(mapping.droppedSeries == ["latency_seconds": 1], "the classic series beside the native one")
        guard case .exponentialHistogram(let latency)? = mapping.metrics.first(where: { $0.name == "latency_seconds" })?.data else {
            Issue.record("latency_seconds is not an exponential histogram")
            return
        }
        #expect(latency.points.first?.positive == .init(offset: -3, counts: [1, 2, 0, 0, 0, 1]), "one below Prometheus's indexes")
    }

    @Test func aNativeHistogramComesBackAsTheExponentialHistogramItWas() throws {
        let original = ProtobufExpositionTests.exponential(
            scale: 3, zeroCount: 2, positive: .init(offset: -2, counts: [1, 0, 0, 4, 5]), negative: .init(offset: 1, counts: [3, 0, 1]))
        let (families, mapped) = try Self.readBack([original])
        let family = try #require(families.first { $0.name == "latency_seconds" })
        guard case .nativeHistogram(let native) = family.series.first?.value else {
            Issue.record("not a native histogram: \(String(describing: family.series.first?.value))")
            return
        }
        #expect(native.schema == 3 && native.zeroCount == 2 && native.count == 16 && native.sum == 42.5)
        let metric = try #require(mapped.first { $0.name == "latency_seconds" })
        guard case .exponentialHistogram(let histogram) = metric.data, let point = histogram.points.first,
              case .exponentialHistogram(let expected) = original.data, let want = expected.points.first
        else {
            Issue.record("not an exponential histogram: \(metric.data)")
            return
        }
        #expect(point.scale == want.scale && point.zeroCount == want.zeroCount && point.count == want.count && point.sum == want.sum)
        #expect(Self.dense(point.positive) == Self.dense(want.positive) && Self.dense(point.negative) == Self.dense(want.negative))
        #expect(point.exemplars.first?.traceID == ShopSnapshot.traceID)
    }

    /// Bucket index to count, leaving out empty buckets, which the exposition need not carry.
    private static func dense(_ buckets: ExponentialHistogramPoint.Buckets) -> [Int32: UInt64] {
        Dictionary(uniqueKeysWithValues: buckets.counts.enumerated().compactMap { $1 == 0 ? nil : (buckets.offset + Int32($0), $1) })
    }

    @Test func everyClassicTypeReadsAsItsTextFormWould() throws {
        let body = PrometheusExposition().render(ShopSnapshot.snapshot, format: .protobuf).body
        let text = PrometheusExposition().render(ShopSnapshot.snapshot, format: .prometheusText).body
        let fromProtobuf = try ProtobufExpositionParser().parse(body).filter { $0.name != "shop_latency_seconds" }
        let fromText = try ExpositionParser(format: .prometheusText).parse(text)
        #expect(fromProtobuf.map(\.name).sorted() == fromText.map(\.name).sorted())
        for family in fromProtobuf {
            let twin = try #require(fromText.first { $0.name == family.name })
            #expect(family.type == twin.type, "\(family.name)")
            #expect(Set(family.series.map(\.labels)) == Set(twin.series.map(\.labels)), "\(family.name)")
            for series in family.series {
                let textValue = twin.series.first { $0.labels == series.labels }?.value
                if case .number(let number) = series.value, number.isNaN, case .number(let other)? = textValue {
                    #expect(other.isNaN, "\(family.name) \(series.labels)")
                } else {
                    #expect(series.value == textValue, "\(family.name) \(series.labels)")
                }
            }
        }
    }

    @Test(arguments: [
        [0x80, 0x80],
        [0x05, 0x0A, 0x01],
        [0x03, 0xFF, 0xFF, 0xFF],
    ] as [[UInt8]])
    func aBrokenBodyIsATypedError(body: [UInt8]) {
        #expect(throws: ExpositionParseError.self) { try ProtobufExpositionParser().parse(body) }
    }
}
