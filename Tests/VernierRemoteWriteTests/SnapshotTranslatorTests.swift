import Testing
import Vernier
import VernierPrometheus
@testable import VernierRemoteWrite

@Suite("Snapshots become Prometheus series")
struct SnapshotTranslatorTests {
    let translator = SnapshotTranslator(naming: PrometheusNaming(), externalLabels: [("cluster", "eu-1"), ("job", "ignored")])

    private func labels(_ sample: PendingSample) -> [String: String] {
        Dictionary(uniqueKeysWithValues: sample.labels.map { ($0.name, $0.value) })
    }

    private func samples(named name: String, in translation: SnapshotTranslator.Translation) -> [PendingSample] {
        translation.samples.filter { labels($0)["__name__"] == name }
    }

    private func number(_ sample: PendingSample) -> Double? {
        guard case .number(let value) = sample.value else { return nil }
        return value
    }

    @Test func counterIsNamedWithTotalAndCarriesJobInstanceScopeAndExternalLabels() throws {
        let snapshot = SnapshotFixtures.snapshot([SnapshotFixtures.counter(points: [SnapshotFixtures.point(3, ["payment.method": "card"])])])
        let sample = try #require(samples(named: "shop_orders_total", in: translator.translate(snapshot)).first)
        #expect(sample.labels.map(\.name) == ["__name__", "cluster", "instance", "job", "otel_scope_name", "otel_scope_version", "payment_method"])
        #expect(labels(sample) == [
            "__name__": "shop_orders_total", "cluster": "eu-1", "instance": "shop-1", "job": "retail/shop",
            "otel_scope_name": "shop.checkout", "otel_scope_version": "1.2.0", "payment_method": "card",
        ])
        #expect(number(sample) == 3)
        #expect(sample.timestamp == 1_700_000_060_123)
        #expect(sample.family == FamilyMetadata(name: "shop_orders_total", kind: .counter, help: "Orders placed", unit: ""))
    }

    @Test func emptyValuesAreLeftOutAndCollidingNamesJoined() throws {
        let attributes: Attributes = ["a.b": "1", "a_b": "2", "empty": ""]
        let snapshot = SnapshotFixtures.snapshot([SnapshotFixtures.counter(points: [SnapshotFixtures.point(1, attributes)])])
        let sample = try #require(translator.translate(snapshot).samples.last)
        #expect(labels(sample)["a_b"] == "1;2")
        #expect(labels(sample)["empty"] == nil)
        #expect(Set(sample.labels.map(\.name)).count == sample.labels.count)
        #expect(sample.labels.map(\.name) == sample.labels.map(\.name).sorted())
    }

    @Test func anEmptyAttributeLetsTheDefaultLabelThrough() throws {
        let snapshot = SnapshotFixtures.snapshot([SnapshotFixtures.counter(points: [SnapshotFixtures.point(1, ["job": "", "le": "x"])])])
        let sample = try #require(samples(named: "shop_orders_total", in: translator.translate(snapshot)).first)
        #expect(labels(sample)["job"] == "retail/shop")
        #expect(labels(sample)["le"] == "x")
    }

    @Test func pointsWithTheSameKeysStillGetTheirOwnValuesAndDefaults() throws {
        let snapshot = SnapshotFixtures.snapshot([SnapshotFixtures.counter(points: [
            SnapshotFixtures.point(1, ["job": "x", "zone": "a"]), SnapshotFixtures.point(2, ["job": "", "zone": "b"]),
            SnapshotFixtures.point(3, ["zone": "c"]), SnapshotFixtures.point(4, ["job": "y", "zone": "d"]),
        ])])
        let series = samples(named: "shop_orders_total", in: translator.translate(snapshot)).map(labels)
        #expect(series.map { $0["job"] } == ["x", "retail/shop", "retail/shop", "y"])
        #expect(series.map { $0["zone"] } == ["a", "b", "c", "d"])
    }

    @Test func instanceIsLeftOutWithoutAnInstanceID() throws {
        let resource = Resource(attributes: ["service.name": "shop"])
        let snapshot = SnapshotFixtures.snapshot([SnapshotFixtures.gauge(value: 21.5)], resource: resource)
        let sample = try #require(samples(named: "room_temperature_celsius", in: translator.translate(snapshot)).first)
        #expect(labels(sample)["job"] == "shop")
        #expect(labels(sample)["instance"] == nil)
        #expect(number(sample) == 21.5)
    }

    @Test func histogramBecomesCumulativeBucketsSumAndCountWithTheExemplarInItsBucket() throws {
        let translation = translator.translate(SnapshotFixtures.snapshot([SnapshotFixtures.histogram()]))
        let buckets = samples(named: "shop_checkout_duration_seconds_bucket", in: translation)
        #expect(buckets.map { labels($0)["le"] } == ["0.1", "0.5", "1.0", "5.0", "+Inf"])
        #expect(buckets.map(number) == [1, 3, 4, 5, 5])
        #expect(buckets.map(\.exemplars.count) == [0, 1, 0, 0, 0])
        let exemplar = try #require(buckets[1].exemplars.first)
        #expect(exemplar.value == 0.42)
        #expect(exemplar.timestamp == 1_700_000_059_500)
        #expect(exemplar.labels == [
            PrometheusLabel(name: "trace_id", value: SnapshotFixtures.traceID.hex), PrometheusLabel(name: "span_id", value: SnapshotFixtures.spanID.hex),
        ])
        #expect(samples(named: "shop_checkout_duration_seconds_sum", in: translation).map(number) == [3.97])
        #expect(samples(named: "shop_checkout_duration_seconds_count", in: translation).map(number) == [5])
        #expect(buckets[0].family == FamilyMetadata(
            name: "shop_checkout_duration_seconds", kind: .histogram, help: "Checkout latency", unit: "seconds"))
    }

    @Test func targetInfoCarriesTheResourceButNotTheJobAndInstanceAttributes() throws {
        let snapshot = SnapshotFixtures.snapshot([SnapshotFixtures.gauge(value: 1)])
        let sample = try #require(samples(named: "target_info", in: translator.translate(snapshot)).first)
        #expect(labels(sample) == ["__name__": "target_info", "cluster": "eu-1", "host_name": "box", "instance": "shop-1", "job": "retail/shop"])
        #expect(number(sample) == 1)
    }

    @Test func conflictingAndDeltaMetricsAreDroppedWithTheModelsReason() {
        let gauge = SnapshotFixtures.gauge("shop.orders.total", unit: "", value: 1)
        let counter = SnapshotFixtures.counter(unit: "", points: [SnapshotFixtures.point(1, .empty)])
        let delta = Metric(name: "shop.refunds", description: "", unit: "", data: .sum(.init(
            temporality: .delta, isMonotonic: true, points: [SnapshotFixtures.point(1, ["a": "1"]), SnapshotFixtures.point(2, ["a": "2"])])))
        let translation = translator.translate(SnapshotFixtures.snapshot([gauge, counter, delta]))
        #expect(translation.dropped.map(\.reason) == [.unrepresentable(.nameConflict), .unrepresentable(.deltaTemporality)])
        #expect(translation.dropped.map(\.points) == [1, 2])
        #expect(samples(named: "shop_orders_total", in: translation).count == 1)
    }

    @Test func exponentialHistogramsBecomeNativeHistograms() throws {
        let coarse = Metric(name: "shop.coarse", description: "", unit: "", data: .exponentialHistogram(.init(temporality: .cumulative, points: [
            ExponentialHistogramPoint(
                attributes: .empty, startTime: SnapshotFixtures.start, time: SnapshotFixtures.time, count: 1, sum: 1, min: 1, max: 1,
                scale: -5, zeroCount: 0, positive: .init(offset: 0, counts: [1]), negative: .init(offset: 0, counts: [])),
        ])))
        let translation = translator.translate(SnapshotFixtures.snapshot([SnapshotFixtures.exponentialHistogram(), coarse]))
        let sample = try #require(samples(named: "shop_latency_seconds", in: translation).first)
        #expect(labels(sample)["route"] == "/a")
        #expect(sample.timestamp == 1_700_000_060_123)
        #expect(sample.exemplars.map(\.value) == [3])
        #expect(sample.family == FamilyMetadata(name: "shop_latency_seconds", kind: .histogram, help: "Latency", unit: "seconds"))
        guard case .histogram(let histogram) = sample.value else {
            Issue.record("not a native histogram")
            return
        }
        // Scale 10 is merged down to schema 8: OTel buckets 0...3 become Prometheus bucket 1, bucket 4 becomes 2.
        #expect(histogram.buckets.schema == 8)
        #expect(histogram.buckets.positive.spans == [.init(offset: 1, length: 2)])
        #expect(histogram.buckets.positive.deltas == [3, -2])
        #expect(histogram.buckets.negative.spans == [.init(offset: 0, length: 1)])
        #expect((histogram.count, histogram.sum, histogram.zeroCount) == (6, 9.5, 1))
        #expect(translation.dropped.map(\.reason) == [.unrepresentable(.unsupportedScale)])
        #expect(samples(named: "shop_coarse", in: translation).isEmpty)
    }

    @Test func exponentialHistogramsAreLeftOutWhenNativeHistogramsAreOff() {
        let plain = SnapshotTranslator(naming: PrometheusNaming(), externalLabels: [], sendsNativeHistograms: false)
        let translation = plain.translate(SnapshotFixtures.snapshot([SnapshotFixtures.exponentialHistogram(), SnapshotFixtures.histogram()]))
        #expect(samples(named: "shop_latency_seconds", in: translation).isEmpty)
        #expect(samples(named: "shop_checkout_duration_seconds_count", in: translation).count == 1)
        #expect(translation.dropped.map(\.reason) == [.unrepresentable(.exponentialHistogram)])
        #expect(translation.dropped.map(\.points) == [1])
    }

    /// Every pushed series, without `job` and `instance`, is a series of the scrape endpoint with the same
    /// value (`target_info` aside: pushed, it leaves out what `job` and `instance` carry).
    @Test func seriesEqualThoseOfTheTextExposition() throws {
        let snapshot = SnapshotFixtures.snapshot([
            SnapshotFixtures.counter(points: [SnapshotFixtures.point(3, ["payment.method": "card"]), SnapshotFixtures.point(1, .empty)]),
            SnapshotFixtures.gauge(value: 21.5, attributes: ["room": "kitchen"]),
            SnapshotFixtures.histogram(),
        ])
        let plain = SnapshotTranslator(naming: PrometheusNaming(), externalLabels: [])
        let pushed = Set(plain.translate(snapshot).samples.compactMap { sample -> String? in
            let name = sample.labels.first { $0.name == "__name__" }!.value
            let labels = sample.labels.filter { !["__name__", "job", "instance"].contains($0.name) }.map { ($0.name, $0.value) }
            return name == "target_info" ? nil : Self.canonical(name, labels, number(sample) ?? .nan)
        })
        let text = String(decoding: PrometheusExposition().render(snapshot, format: .prometheusText).body, as: UTF8.self)
        let scraped = Set(text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.hasPrefix("target_info") }.map { line -> String in
            let space = line.lastIndex(of: " ")!
            let series = line[..<space]
            let value = Double(line[line.index(after: space)...])!
            guard let brace = series.firstIndex(of: "{") else { return Self.canonical(String(series), [], value) }
            let labels = series[series.index(after: brace)..<series.index(before: series.endIndex)].split(separator: ",").map { pair in
                let parts = pair.split(separator: "=", maxSplits: 1)
                return (String(parts[0]), String(parts[1].dropFirst().dropLast()))
            }
            return Self.canonical(String(series[..<brace]), labels, value)
        })
        #expect(pushed.count == 10)
        #expect(pushed == scraped)
    }

    private static func canonical(_ name: String, _ labels: [(String, String)], _ value: Double) -> String {
        name + "{" + labels.sorted { $0.0 < $1.0 }.map { "\($0.0)=\($0.1)" }.joined(separator: ",") + "} \(value)"
    }
}
