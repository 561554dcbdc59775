import Testing
import Vernier
@testable import VernierOTLP

@Suite struct OTLPMetricJSONEncoderTests {
    private func document() throws -> JSONValue {
        let bytes = try OTLPMetricJSONEncoder().encode(SnapshotFixture.snapshot)
        return try #require(JSONValue.parse(bytes))
    }

    private func metrics(_ document: JSONValue) throws -> [JSONValue] {
        let scope = try #require(document["resourceMetrics"]?[0]?["scopeMetrics"]?[0])
        guard case .array(let metrics)? = scope["metrics"] else { throw Missing() }
        return metrics
    }

    private struct Missing: Error {}

    @Test func usesLowerCamelCaseKeysAndStringsFor64BitIntegers() throws {
        let document = try document()
        let resource = try #require(document["resourceMetrics"]?[0]?["resource"]?["attributes"])
        #expect(resource[0]?["key"] == .string("host.cpus"))
        #expect(resource[0]?["value"]?["intValue"] == .string("4"))
        let scope = try #require(document["resourceMetrics"]?[0]?["scopeMetrics"]?[0])
        #expect(scope["scope"]?["name"] == .string("shop.checkout"))
        #expect(scope["scope"]?["version"] == .string("1.2.0"))
        #expect(scope["schemaUrl"] == .string("https://opentelemetry.io/schemas/1.26.0"))
        let orders = try metrics(document)[0]
        #expect(orders["name"] == .string("shop.orders"))
        #expect(orders["sum"]?["aggregationTemporality"] == .number(2))
        #expect(orders["sum"]?["isMonotonic"] == .bool(true))
        let point = try #require(orders["sum"]?["dataPoints"]?[0])
        #expect(point["asInt"] == .string("42"))
        #expect(point["startTimeUnixNano"] == .string("1700000000000000000"))
        #expect(point["timeUnixNano"] == .string("1700000060123456789"))
    }

    @Test func writesTraceAndSpanIDsAsHex() throws {
        let exemplar = try #require(try metrics(document())[0]["sum"]?["dataPoints"]?[0]?["exemplars"]?[0])
        #expect(exemplar["traceId"] == .string("0af7651916cd43dd8448eb211c80319c"))
        #expect(exemplar["spanId"] == .string("b7ad6b7169203331"))
        #expect(exemplar["asInt"] == .string("3"))
    }

    @Test func leavesDefaultsOutButKeepsExplicitPresence() throws {
        let metrics = try metrics(document())
        #expect(metrics[1]["description"] == nil)
        #expect(metrics[1]["sum"]?["isMonotonic"] == nil)
        #expect(metrics[1]["sum"]?["aggregationTemporality"] == .number(1))
        #expect(metrics[2]["gauge"]?["dataPoints"]?[0]?["startTimeUnixNano"] == nil)
        let exponential = try #require(metrics[4]["exponentialHistogram"]?["dataPoints"]?[0])
        #expect(exponential["sum"] == .number(0))
        #expect(exponential["scale"] == .number(-1))
        #expect(exponential["zeroCount"] == .string("1"))
        #expect(exponential["positive"]?["offset"] == .number(-2))
        #expect(exponential["positive"]?["bucketCounts"] == .array([.string("1"), .string("0"), .string("2")]))
        #expect(exponential["zeroThreshold"] == nil)
    }

    @Test func writesHistogramBucketsAndBounds() throws {
        let point = try #require(try metrics(document())[3]["histogram"]?["dataPoints"]?[0])
        #expect(point["count"] == .string("6"))
        #expect(point["sum"] == .number(1.75))
        #expect(point["bucketCounts"] == .array([.string("2"), .string("1"), .string("3"), .string("0")]))
        #expect(point["explicitBounds"] == .array([.number(0.05), .number(0.25), .number(1)]))
        #expect(point["min"] == .number(0.01))
        #expect(point["max"] == .number(0.9))
        #expect(point["exemplars"]?[0]?["filteredAttributes"]?[0]?["value"]?["stringValue"] == .string("u-17"))
    }

    @Test func escapesStringsAndWritesNonFiniteNumbersAsStrings() throws {
        let snapshot = MetricsSnapshot(resource: Resource(attributes: ["quote": "say \"hi\"\n\u{01}"]), scopes: [
            ScopeMetrics(scope: InstrumentationScope(name: "s"), metrics: [
                Metric(name: "g", description: "", unit: "", data: .gauge(.init(points: [
                    NumberPoint(attributes: .empty, startTime: SnapshotFixture.start, time: SnapshotFixture.time, value: .double(.nan)),
                    NumberPoint(attributes: .empty, startTime: SnapshotFixture.start, time: SnapshotFixture.time, value: .double(-.infinity)),
                ]))),
            ]),
        ])
        let document = try #require(JSONValue.parse(try OTLPMetricJSONEncoder().encode(snapshot)))
        #expect(document["resourceMetrics"]?[0]?["resource"]?["attributes"]?[0]?["value"]?["stringValue"] == .string("say \"hi\"\n\u{01}"))
        let points = document["resourceMetrics"]?[0]?["scopeMetrics"]?[0]?["metrics"]?[0]?["gauge"]?["dataPoints"]
        #expect(points?[0]?["asDouble"] == .string("NaN"))
        #expect(points?[1]?["asDouble"] == .string("-Infinity"))
    }
}
