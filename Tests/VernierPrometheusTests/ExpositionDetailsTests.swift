import Testing
import Vernier
@testable import VernierPrometheus

@Suite("Exposition details")
struct ExpositionDetailsTests {
    @Test("floats are spelled as both formats require", arguments: [
        (Double.nan, "NaN"), (.infinity, "+Inf"), (-.infinity, "-Inf"), (0, "0.0"), (-0.0, "-0.0"), (1, "1.0"), (-3, "-3.0"),
        (0.25, "0.25"), (1e-05, "1e-05"), (123456789012345.0, "123456789012345.0"), (1e20, "1e+20"), (0.1 + 0.2, "0.30000000000000004"),
    ])
    func floats(value: Double, expected: String) {
        let buffer = ExpositionBuffer(capacity: 16)
        buffer.append(double: value)
        #expect(String(decoding: buffer.bytes, as: UTF8.self) == expected)
    }

    @Test("integers", arguments: [(Int64.min, "-9223372036854775808"), (Int64.max, "9223372036854775807"), (0, "0"), (-7, "-7"), (1000, "1000")])
    func integers(value: Int64, expected: String) {
        let buffer = ExpositionBuffer(capacity: 16)
        buffer.append(integer: value)
        #expect(String(decoding: buffer.bytes, as: UTF8.self) == expected)
    }

    @Test func timestampsAreSecondsWithMilliseconds() {
        let buffer = ExpositionBuffer(capacity: 16)
        buffer.append(seconds: 1_700_000_042_007_999_999)
        #expect(String(decoding: buffer.bytes, as: UTF8.self) == "1700000042.007")
    }

    @Test func timestampsSharingTheirSecondsKeepTheirOwnMilliseconds() {
        let buffer = ExpositionBuffer(capacity: 16)
        for timestamp: UInt64 in [1_700_000_042_007_000_000, 1_700_000_042_999_000_000, 999_000_000, 1_700_000_043_000_000_000, 1_700_000_043_001_000_000] {
            buffer.append(seconds: timestamp)
            buffer.append(UInt8(ascii: " "))
        }
        #expect(String(decoding: buffer.bytes, as: UTF8.self) == "1700000042.007 1700000042.999 0.999 1700000043.000 1700000043.001 ")
    }

    @Test func collidingLabelNamesJoinValuesInKeyOrder() {
        let snapshot = Self.snapshot(gauge: ["a.b": "first", "a_b": "second", "a-b": "zeroth"])
        let text = Self.render(snapshot, naming: PrometheusNaming(exposesTargetInfo: false, addsScopeLabels: false))
        #expect(text == "# TYPE level gauge\nlevel{a_b=\"zeroth;first;second\"} 1\n")
    }

    @Test func emptyLabelValuesAreLeftOutAsPrometheusReadsThem() {
        let snapshot = Self.snapshot(gauge: ["empty": "", "k": "v"])
        let text = Self.render(snapshot, naming: PrometheusNaming(exposesTargetInfo: false, addsScopeLabels: false))
        #expect(text == "# TYPE level gauge\nlevel{k=\"v\"} 1\n")
        let onlyEmpty = Self.render(Self.snapshot(gauge: ["empty": ""]), naming: PrometheusNaming(exposesTargetInfo: false, addsScopeLabels: false))
        #expect(onlyEmpty == "# TYPE level gauge\nlevel 1\n")
    }

    @Test func anAttributeNamedLeGivesWayToTheBucketBoundOnBucketLines() {
        let point = HistogramPoint(
            attributes: ["le": "x", "z": "1"], startTime: ShopSnapshot.start, time: ShopSnapshot.now, count: 1, sum: 1, min: nil, max: nil,
            boundaries: [2], bucketCounts: [1, 0]
        )
        let metric = Metric(name: "t", description: "", unit: "", data: .histogram(.init(temporality: .cumulative, points: [point])))
        let snapshot = MetricsSnapshot(resource: Resource(attributes: .empty), scopes: [ScopeMetrics(scope: InstrumentationScope(name: "lib"), metrics: [metric])])
        let text = Self.render(snapshot, naming: PrometheusNaming(addsScopeLabels: false))
        #expect(text == """
            # TYPE t histogram
            t_bucket{z="1",le="2.0"} 1
            t_bucket{z="1",le="+Inf"} 1
            t_sum{le="x",z="1"} 1.0
            t_count{le="x",z="1"} 1

            """)
    }

    @Test func targetInfoAndScopeLabelsCanBeTurnedOff() {
        let snapshot = Self.snapshot(gauge: ["k": "v"])
        let withAll = Self.render(snapshot, naming: PrometheusNaming())
        #expect(withAll.contains("target_info{service_name=\"svc\"} 1\n"))
        #expect(withAll.contains("level{k=\"v\",otel_scope_name=\"lib\",otel_scope_version=\"2\"} 1\n"))
        let without = Self.render(snapshot, naming: PrometheusNaming(exposesTargetInfo: false, addsScopeLabels: false))
        #expect(without == "# TYPE level gauge\nlevel{k=\"v\"} 1\n")
    }

    @Test func exemplarLabelsStayWithin128Characters() {
        let long = String(repeating: "x", count: 70)
        let exemplar = Exemplar(
            filteredAttributes: ["a": .string(long), "b": "short"], time: ShopSnapshot.now, value: .int(1),
            traceID: ShopSnapshot.traceID, spanID: ShopSnapshot.spanID
        )
        let labels = ExemplarSelection.labels(of: exemplar, naming: PrometheusNaming())
        #expect(labels.map(\.0) == ["trace_id", "span_id", "b"])
        #expect(labels.reduce(0) { $0 + $1.0.count + $1.1.count } <= 128)
    }

    @Test func bucketExemplarsStayInsideTheirBucket() {
        let point = HistogramPoint(
            attributes: .empty, startTime: ShopSnapshot.start, time: ShopSnapshot.now, count: 3, sum: 3, min: nil, max: nil,
            boundaries: [1, 2], bucketCounts: [1, 1, 1],
            exemplars: [1.0, 1.5, 1.2, 9].map { Exemplar(time: ShopSnapshot.now, value: .double($0)) }
        )
        let chosen = ExemplarSelection.perBucket(point).map { $0?.value.doubleValue }
        #expect(chosen == [1.0, 1.5, 9])
    }

    @Test func histogramsWithNegativeValuesHaveNoSum() {
        let point = HistogramPoint(
            attributes: .empty, startTime: ShopSnapshot.start, time: ShopSnapshot.now, count: 1, sum: -4, min: -4, max: -4,
            boundaries: [0], bucketCounts: [1, 0]
        )
        let metric = Metric(name: "t", description: "", unit: "", data: .histogram(.init(temporality: .cumulative, points: [point])))
        let snapshot = MetricsSnapshot(resource: Resource(attributes: .empty), scopes: [ScopeMetrics(scope: InstrumentationScope(name: "lib"), metrics: [metric])])
        let text = Self.render(snapshot, naming: PrometheusNaming(addsScopeLabels: false))
        #expect(text == "# TYPE t histogram\nt_bucket{le=\"0.0\"} 1\nt_bucket{le=\"+Inf\"} 1\nt_count 1\n")
    }

    @Test func malformedHistogramPointsAreDropped() {
        let point = HistogramPoint(
            attributes: .empty, startTime: ShopSnapshot.start, time: ShopSnapshot.now, count: 1, sum: 1, min: nil, max: nil,
            boundaries: [1, 2], bucketCounts: [1]
        )
        let metric = Metric(name: "t", description: "", unit: "", data: .histogram(.init(temporality: .cumulative, points: [point])))
        let snapshot = MetricsSnapshot(resource: Resource(attributes: .empty), scopes: [ScopeMetrics(scope: InstrumentationScope(name: "lib"), metrics: [metric])])
        let rendering = PrometheusExposition().render(snapshot, format: .openMetrics)
        #expect(rendering.drops == [PrometheusDrop(metricName: "t", reason: .malformedHistogram, pointCount: 1)])
        #expect(String(decoding: rendering.body, as: UTF8.self) == "# TYPE t histogram\n# EOF\n")
    }

    @Test func seriesAreSortedByLabels() {
        let points = ["b", "c", "a"].map {
            NumberPoint(attributes: ["k": .string($0)], startTime: ShopSnapshot.start, time: ShopSnapshot.now, value: .int(1))
        }
        let metric = Metric(name: "level", description: "", unit: "", data: .gauge(.init(points: points)))
        let snapshot = MetricsSnapshot(resource: Resource(attributes: .empty), scopes: [ScopeMetrics(scope: InstrumentationScope(name: "lib"), metrics: [metric])])
        let text = Self.render(snapshot, naming: PrometheusNaming(addsScopeLabels: false))
        #expect(text == "# TYPE level gauge\nlevel{k=\"a\"} 1\nlevel{k=\"b\"} 1\nlevel{k=\"c\"} 1\n")
    }

    @Test func openMetricsCountersEndInTotalEvenWithoutTypeSuffixes() {
        let point = NumberPoint(attributes: ["k": "v"], startTime: ShopSnapshot.start, time: ShopSnapshot.now, value: .int(3))
        let metric = Metric(name: "jobs", description: "", unit: "", data: .sum(.init(temporality: .cumulative, isMonotonic: true, points: [point])))
        let snapshot = MetricsSnapshot(resource: Resource(attributes: .empty), scopes: [ScopeMetrics(scope: InstrumentationScope(name: "lib"), metrics: [metric])])
        let exposition = PrometheusExposition(naming: PrometheusNaming(addsTypeSuffixes: false, addsScopeLabels: false))
        let text = String(decoding: exposition.render(snapshot, format: .prometheusText).body, as: UTF8.self)
        let openMetrics = String(decoding: exposition.render(snapshot, format: .openMetrics).body, as: UTF8.self)
        #expect(text == "# TYPE jobs counter\njobs{k=\"v\"} 3\n")
        #expect(openMetrics == "# TYPE jobs counter\njobs_total{k=\"v\"} 3\njobs_created{k=\"v\"} 1700000000.000\n# EOF\n")
    }

    static func snapshot(gauge attributes: Attributes) -> MetricsSnapshot {
        let point = NumberPoint(attributes: attributes, startTime: ShopSnapshot.start, time: ShopSnapshot.now, value: .int(1))
        let metric = Metric(name: "level", description: "", unit: "", data: .gauge(.init(points: [point])))
        return MetricsSnapshot(
            resource: Resource(attributes: ["service.name": "svc"]),
            scopes: [ScopeMetrics(scope: InstrumentationScope(name: "lib", version: "2"), metrics: [metric])]
        )
    }

    static func render(_ snapshot: MetricsSnapshot, naming: PrometheusNaming) -> String {
        String(decoding: PrometheusExposition(naming: naming).render(snapshot, format: .prometheusText).body, as: UTF8.self)
    }
}
