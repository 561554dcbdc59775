import Testing
import Vernier
import VernierPrometheus

/// The one decision of families, names, drops and labels that every Prometheus writer reads.
@Suite("Prometheus model")
struct PrometheusModelTests {
    static let start = ShopSnapshot.start
    static let now = ShopSnapshot.now

    static func snapshot(_ metrics: [Metric], resource: Attributes = ["service.name": "shop"]) -> MetricsSnapshot {
        MetricsSnapshot(resource: Resource(attributes: resource), scopes: [ScopeMetrics(scope: InstrumentationScope(name: "lib"), metrics: metrics)])
    }

    static func sum(_ name: String, unit: String = "", monotonic: Bool = true, temporality: AggregationTemporality = .cumulative) -> Metric {
        Metric(name: name, description: "", unit: unit, data: .sum(.init(temporality: temporality, isMonotonic: monotonic, points: [
            NumberPoint(attributes: .empty, startTime: start, time: now, value: .int(1)),
        ])))
    }

    static func gauge(_ name: String, unit: String = "") -> Metric {
        Metric(name: name, description: "", unit: unit, data: .gauge(.init(points: [
            NumberPoint(attributes: .empty, startTime: start, time: now, value: .int(1)),
        ])))
    }

    static func histogram(_ name: String, unit: String = "", temporality: AggregationTemporality = .cumulative, bucketCounts: [[UInt64]] = [[1, 0]]) -> Metric {
        Metric(name: name, description: "", unit: unit, data: .histogram(.init(temporality: temporality, points: bucketCounts.map {
            HistogramPoint(attributes: .empty, startTime: start, time: now, count: 1, sum: 1, min: nil, max: nil, boundaries: [1], bucketCounts: $0)
        })))
    }

    static func exponential(_ name: String, unit: String = "", temporality: AggregationTemporality = .cumulative) -> Metric {
        Metric(name: name, description: "", unit: unit, data: .exponentialHistogram(.init(temporality: temporality, points: [
            ExponentialHistogramPoint(
                attributes: .empty, startTime: start, time: now, count: 1, sum: 1, min: 1, max: 1, scale: 0, zeroCount: 0,
                positive: .init(offset: 0, counts: [1]), negative: .init(offset: 0, counts: [])),
        ])))
    }

    static func family(of metric: Int, in model: PrometheusModel) -> PrometheusFamily? {
        model.familyIndex(ofMetricAt: metric).map { model.families[$0] }
    }

    @Test func eachKindHasItsNamesAndReservesThoseOfEveryFormat() throws {
        let model = PrometheusModel(snapshot: Self.snapshot([
            Self.sum("jobs.done", unit: "{job}"), Self.sum("queue.depth", monotonic: false), Self.histogram("rpc.duration", unit: "s"),
            Self.exponential("payload.size", unit: "By"),
        ]), naming: PrometheusNaming())
        let counter = try #require(Self.family(of: 0, in: model))
        #expect((counter.kind, counter.baseName, counter.name) == (.counter, "jobs_done", "jobs_done_total"))
        #expect(counter.reservedNames == ["jobs_done", "jobs_done_total", "jobs_done_created"])
        let gauge = try #require(Self.family(of: 1, in: model))
        #expect((gauge.kind, gauge.name, gauge.reservedNames) == (.gauge, "queue_depth", ["queue_depth"]))
        let histogram = try #require(Self.family(of: 2, in: model))
        #expect((histogram.kind, histogram.name, histogram.unitWord) == (.histogram, "rpc_duration_seconds", "seconds"))
        #expect([histogram.bucketName, histogram.sumName, histogram.countName, histogram.createdName]
            == ["rpc_duration_seconds_bucket", "rpc_duration_seconds_sum", "rpc_duration_seconds_count", "rpc_duration_seconds_created"])
        let native = try #require(Self.family(of: 3, in: model))
        #expect((native.kind, native.name, native.kind.type) == (.nativeHistogram, "payload_size_bytes", .histogram))
        #expect(model.drops(carriesNativeHistograms: true).isEmpty)
        #expect(model.drops(carriesNativeHistograms: false).map(\.reason) == [.exponentialHistogram])
    }

    @Test func withoutTypeSuffixesCountersAreNamedByTheirBaseButStillReserveTotal() throws {
        let model = PrometheusModel(snapshot: Self.snapshot([Self.sum("jobs"), Self.gauge("jobs.total")]), naming: PrometheusNaming(addsTypeSuffixes: false))
        let counter = try #require(Self.family(of: 0, in: model))
        #expect((counter.name, counter.openMetricsTotalName) == ("jobs", "jobs_total"))
        #expect(model.familyIndex(ofMetricAt: 1) == nil)
    }

    @Test func metricsOfOneNameAndKindShareAFamilyAndTheFirstKindKeepsTheName() throws {
        let model = PrometheusModel(snapshot: Self.snapshot([
            Self.sum("orders"), Self.gauge("orders_total"), Self.sum("orders"), Self.histogram("orders"),
        ]), naming: PrometheusNaming())
        #expect(model.families.count == 1)
        #expect(model.familyIndex(ofMetricAt: 2) == model.familyIndex(ofMetricAt: 0))
        let drops = model.drops(carriesNativeHistograms: true)
        #expect(drops.map(\.metricName) == ["orders_total", "orders"])
        #expect(drops.map(\.reason) == [.nameConflict, .nameConflict])
        #expect(drops.map(\.detail) == ["counter 'orders'", "counter 'orders'"])
    }

    @Test func exponentialHistogramsClaimTheirNamesAfterEveryOtherMetric() {
        let model = PrometheusModel(snapshot: Self.snapshot([Self.exponential("latency"), Self.gauge("latency")]), naming: PrometheusNaming())
        #expect(model.familyIndex(ofMetricAt: 0) == nil)
        #expect(model.familyIndex(ofMetricAt: 1) != nil)
        #expect(model.drops(carriesNativeHistograms: true).map(\.reason) == [.nameConflict])
        #expect(model.drops(carriesNativeHistograms: false).map(\.reason) == [.exponentialHistogram])
    }

    @Test func targetInfoTakesItsNamesOnlyWhenExposed() {
        let metrics = [Self.gauge("target_info"), Self.gauge("target")]
        let exposed = PrometheusModel(snapshot: Self.snapshot(metrics), naming: PrometheusNaming())
        #expect(exposed.families.isEmpty)
        #expect(exposed.drops(carriesNativeHistograms: true).map(\.detail) == ["the resource's 'target_info'", "the resource's 'target_info'"])
        let withoutResource = PrometheusModel(snapshot: Self.snapshot(metrics, resource: .empty), naming: PrometheusNaming())
        #expect(withoutResource.targetInfoAttributes == nil)
        #expect(withoutResource.families.count == 2)
        let turnedOff = PrometheusModel(snapshot: Self.snapshot(metrics), naming: PrometheusNaming(exposesTargetInfo: false))
        #expect(turnedOff.families.count == 2)
    }

    @Test func deltaPointsAreDroppedExceptNonMonotonicSumsWhichAreGauges() throws {
        let model = PrometheusModel(snapshot: Self.snapshot([
            Self.sum("a", temporality: .delta), Self.sum("b", monotonic: false, temporality: .delta),
            Self.histogram("c", temporality: .delta), Self.exponential("d", temporality: .delta),
        ]), naming: PrometheusNaming())
        #expect(try #require(Self.family(of: 1, in: model)).kind == .gauge)
        #expect(model.drops(carriesNativeHistograms: true).map(\.metricName) == ["a", "c", "d"])
        #expect(model.drops(carriesNativeHistograms: true).allSatisfy { $0.reason == .deltaTemporality })
    }

    @Test func malformedHistogramPointsAreCountedOncePerMetric() {
        let model = PrometheusModel(snapshot: Self.snapshot([Self.histogram("h", bucketCounts: [[1], [1, 0], [2]])]), naming: PrometheusNaming())
        #expect(model.families.count == 1)
        #expect(model.drops(carriesNativeHistograms: true) == [PrometheusDrop(metricName: "h", reason: .malformedHistogram, pointCount: 2)])
    }

    @Test func histogramsWithNegativeMeasurementsHaveNoSum() {
        let negative = HistogramPoint(attributes: .empty, startTime: Self.start, time: Self.now, count: 1, sum: 2, min: -1, max: 3, boundaries: [], bucketCounts: [1])
        let positive = HistogramPoint(attributes: .empty, startTime: Self.start, time: Self.now, count: 1, sum: 2, min: nil, max: nil, boundaries: [], bucketCounts: [1])
        #expect(!PrometheusModel.hasSum(negative))
        #expect(PrometheusModel.hasSum(positive))
    }

    @Test func scopeLabelsTargetInfoAndJobAndInstance() {
        let resource = Resource(attributes: ["service.name": "shop", "service.namespace": "retail", "service.instance.id": "i-7", "host.name": "box"])
        let model = PrometheusModel(snapshot: MetricsSnapshot(resource: resource, scopes: []), naming: PrometheusNaming())
        #expect(model.targetInfoAttributes == resource.attributes)
        #expect(model.pushedTargetInfoAttributes == ["host.name": "box"])
        #expect(PrometheusModel.jobAndInstance(of: resource) == [
            PrometheusLabel(name: "job", value: "retail/shop"), PrometheusLabel(name: "instance", value: "i-7"),
        ])
        #expect(PrometheusModel.jobAndInstance(of: Resource(attributes: ["service.name": "shop"])).map(\.value) == ["shop", ""])
        #expect(model.scopeLabels(of: InstrumentationScope(name: "lib", version: "2")) == [
            PrometheusLabel(name: "otel_scope_name", value: "lib"), PrometheusLabel(name: "otel_scope_version", value: "2"),
        ])
        #expect(model.scopeLabels(of: InstrumentationScope(name: "lib")).count == 1)
        let plain = PrometheusModel(snapshot: MetricsSnapshot(resource: resource, scopes: []), naming: PrometheusNaming(addsScopeLabels: false))
        #expect(plain.scopeLabels(of: InstrumentationScope(name: "lib")).isEmpty)
        let bare = PrometheusModel(snapshot: MetricsSnapshot(resource: Resource(attributes: ["service.name": "shop"]), scopes: []), naming: PrometheusNaming())
        #expect(bare.pushedTargetInfoAttributes == nil)
    }

    static func labels(_ attributes: Attributes, scope: [PrometheusLabel] = [], defaults: [PrometheusLabel] = []) -> [String] {
        let layout = LabelLayout(attributes: attributes, context: LabelContext(scope: scope, defaults: defaults), naming: PrometheusNaming())
        return layout.names.indices.map { position in
            layout.names[position] + "=" + layout.value(at: position) { attributes.elements[$0].value.description }
        }
    }

    @Test func labelsAreSortedWithCollisionsJoinedInKeyOrder() {
        #expect(Self.labels(["b": 1, "a.x": "first", "a_x": "second", "a-x": "zeroth"]) == ["a_x=zeroth;first;second", "b=1"])
    }

    @Test func scopeLabelsJoinAfterSameNamedAttributesAndDefaultsFillOnlyGaps() {
        let scope = [PrometheusLabel(name: "otel_scope_name", value: "lib")]
        let defaults = [PrometheusLabel(name: "job", value: "shop"), PrometheusLabel(name: "instance", value: "i-1")]
        #expect(Self.labels(["otel.scope.name": "mine", "job": "x", "instance": ""], scope: scope, defaults: defaults)
            == ["instance=i-1", "job=x", "otel_scope_name=mine;lib"])
    }

    @Test func emptyValuesAreLeftOutAndLayoutsTellWhenTheyStopFitting() {
        #expect(Self.labels(["a": "", "b": "1"]) == ["b=1"])
        let layout = LabelLayout(attributes: ["a": "", "b": "1"], context: LabelContext(scope: []), naming: PrometheusNaming())
        #expect(layout.fits(["a": "", "b": "2"]))
        #expect(!layout.fits(["a": "x", "b": "2"]))
        #expect(!layout.fits(["a": "", "c": "2"]))
    }

    @Test func layoutsKnowWhereNameAndBucketBoundGo() {
        let layout = LabelLayout(attributes: ["a": "1", "le": "x", "z": "2"], context: LabelContext(scope: []), naming: PrometheusNaming())
        #expect(layout.names == ["a", "le", "z"])
        #expect(layout.metricNameIndex == 0)
        #expect((layout.bucketBoundIndex, layout.hasBucketBoundLabel) == (1, true))
        let without = LabelLayout(attributes: ["a": "1", "z": "2"], context: LabelContext(scope: []), naming: PrometheusNaming())
        #expect((without.bucketBoundIndex, without.hasBucketBoundLabel) == (1, false))
    }
}
