import Testing
import Vernier
import VernierPrometheus
@testable import VernierRemoteWrite

/// A scrape and a remote-write push of one snapshot give Prometheus the same series: the same names, the same
/// labels, the same metrics left out for the same reasons.
@Suite("Scrape and remote write agree")
struct ScrapeAndPushAgreementTests {
    /// A series as Prometheus stores it: its name and labels, without labels whose value is empty.
    struct Series: Hashable, CustomStringConvertible {
        let name: String
        let labels: [String: String]

        init(name: String, labels: [String: String]) {
            self.name = name
            self.labels = labels.filter { !$0.value.isEmpty }
        }

        var description: String {
            name + "{" + labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",") + "}"
        }
    }

    /// The service attributes that a push moves from `target_info` into `job` and `instance`.
    static let jobAndInstanceLabels: Set = ["service_name", "service_namespace", "service_instance_id"]

    /// Every series of the shop snapshot, scraped as text plus the native histograms only the protobuf format
    /// carries, is pushed, and nothing else is: `job` and `instance` aside, and `target_info` without the
    /// attributes they stand for.
    @Test func theShopSnapshotIsScrapedAndPushedAsTheSameSeries() throws {
        let snapshot = ShopSnapshot.snapshot
        let text = Self.textSeries(snapshot, format: .prometheusText)
        let native = try Self.nativeHistogramSeries(snapshot)
        #expect(native.map(\.name) == ["shop_latency_seconds"])
        let scraped = text.union(native)
        let pushed = Self.pushedSeries(snapshot)
        let isTargetInfo = { (series: Series) in series.name == PrometheusNaming.targetInfoName }
        #expect(scraped.filter { !isTargetInfo($0) } == pushed.filter { !isTargetInfo($0) })
        #expect(pushed.count == 13)

        let scrapedInfo = try #require(scraped.first(where: isTargetInfo)).labels.filter { !Self.jobAndInstanceLabels.contains($0.key) }
        let pushedInfo = pushed.first(where: isTargetInfo)?.labels ?? [:]
        #expect(pushedInfo == scrapedInfo)
    }

    /// Labels that need the model's rules (names that collide, empty values, an attribute named like a scope
    /// label, one named `le` on a histogram, characters Prometheus does not allow) come out the same both ways.
    @Test func awkwardLabelsAreScrapedAndPushedAlike() {
        let counter = Metric(name: "jobs.done", description: "", unit: "", data: .sum(.init(temporality: .cumulative, isMonotonic: true, points: [
            NumberPoint(attributes: ["a.b": "1", "a_b": "2", "empty": "", "otel.scope.name": "mine"], startTime: ShopSnapshot.start, time: ShopSnapshot.now, value: .int(1)),
            NumberPoint(attributes: ["a.b": "3", "empty": "not now"], startTime: ShopSnapshot.start, time: ShopSnapshot.now, value: .int(2)),
        ])))
        let histogram = Metric(name: "jobs.duration", description: "", unit: "s", data: .histogram(.init(temporality: .cumulative, points: [
            HistogramPoint(attributes: ["le": "x", "Zürich.key": "v"], startTime: ShopSnapshot.start, time: ShopSnapshot.now, count: 1, sum: 1,
                           min: nil, max: nil, boundaries: [0.5], bucketCounts: [0, 1]),
        ])))
        let snapshot = MetricsSnapshot(resource: ShopSnapshot.snapshot.resourceMetrics[0].resource, scopes: [
            ScopeMetrics(scope: InstrumentationScope(name: "jobs", version: "1"), metrics: [counter, histogram]),
        ])
        let scraped = Self.textSeries(snapshot, format: .prometheusText).filter { $0.name != "target_info" }
        let pushed = Self.pushedSeries(snapshot).filter { $0.name != "target_info" }
        #expect(scraped == pushed)
        #expect(scraped.contains(Series(name: "jobs_done_total", labels: [
            "a_b": "1;2", "otel_scope_name": "mine;jobs", "otel_scope_version": "1",
        ])))
        #expect(scraped.contains(Series(name: "jobs_duration_seconds_bucket", labels: [
            "le": "0.5", "Z_rich_key": "v", "otel_scope_name": "jobs", "otel_scope_version": "1",
        ])))
    }

    /// Resource attributes other than the service's are on `target_info` both ways.
    @Test func targetInfoCarriesTheSameOtherAttributes() throws {
        let snapshot = MetricsSnapshot(
            resource: Resource(attributes: ["service.name": "shop", "host.name": "box", "deployment.environment": "prod"]),
            scopes: ShopSnapshot.snapshot.scopes
        )
        let scraped = try #require(Self.textSeries(snapshot, format: .prometheusText).first { $0.name == "target_info" })
        let pushed = try #require(Self.pushedSeries(snapshot).first { $0.name == "target_info" })
        #expect(pushed.labels == ["host_name": "box", "deployment_environment": "prod"])
        #expect(scraped.labels.filter { !Self.jobAndInstanceLabels.contains($0.key) } == pushed.labels)
    }

    /// The protobuf scrape and the push leave out the same points for the same reasons; the text formats add
    /// only the exponential histograms they cannot carry.
    @Test func bothLeaveOutTheSameMetricsForTheSameReasons() {
        let snapshot = ShopSnapshot.snapshot
        let protobuf = PrometheusExposition().render(snapshot, format: .protobuf).drops
        let pushed = SnapshotTranslator(naming: PrometheusNaming(), externalLabels: []).translate(snapshot).dropped
        #expect(pushed.map(\.reason) == protobuf.map { .unrepresentable($0.reason) })
        #expect(pushed.map(\.points) == protobuf.map(\.pointCount))
        let text = PrometheusExposition().render(snapshot, format: .prometheusText).drops
        #expect(Set(text).subtracting(protobuf).map(\.reason) == [.exponentialHistogram])
    }

    /// `_created` names are taken by counters and histograms in both, although only OpenMetrics writes
    /// `_created` series: a gauge named like one is left out of the scrape and the push alike.
    @Test func createdNamesAreReservedByBothAndWrittenOnlyByOpenMetrics() {
        let created = Metric(name: "shop.orders.created", description: "", unit: "", data: .gauge(.init(points: [
            NumberPoint(attributes: .empty, startTime: ShopSnapshot.start, time: ShopSnapshot.now, value: .int(1)),
        ])))
        let snapshot = MetricsSnapshot(resource: ShopSnapshot.snapshot.resourceMetrics[0].resource, scopes: [
            ScopeMetrics(scope: InstrumentationScope(name: "shop"), metrics: [ShopSnapshot.orders, created]),
        ])
        let scrapeDrops = PrometheusExposition().render(snapshot, format: .openMetrics).drops
        let pushDrops = SnapshotTranslator(naming: PrometheusNaming(), externalLabels: []).translate(snapshot).dropped
        #expect(scrapeDrops.map(\.metricName) == ["shop.orders.created"])
        #expect(scrapeDrops.map(\.reason) == [.nameConflict])
        #expect(pushDrops.map(\.reason) == [.unrepresentable(.nameConflict)])

        let openMetrics = Self.textSeries(ShopSnapshot.snapshot, format: .openMetrics)
        let text = Self.textSeries(ShopSnapshot.snapshot, format: .prometheusText)
        let onlyOpenMetrics = openMetrics.subtracting(text)
        #expect(Set(onlyOpenMetrics.map(\.name)) == ["shop_orders_created", "shop_revenue_USD_created", "shop_checkout_duration_seconds_created"])
        #expect(Self.pushedSeries(ShopSnapshot.snapshot).allSatisfy { !$0.name.hasSuffix("_created") })
    }

    /// The series of a text exposition, read back from its sample lines.
    static func textSeries(_ snapshot: MetricsSnapshot, format: ExpositionFormat) -> Set<Series> {
        let body = String(decoding: PrometheusExposition().render(snapshot, format: format).body, as: UTF8.self)
        return Set(body.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { parseSeries(Substring($0)) })
    }

    /// The native histograms of a protobuf exposition, each one series named as its family.
    static func nativeHistogramSeries(_ snapshot: MetricsSnapshot) throws -> Set<Series> {
        let families = try #require(DecodedMetricFamily.decode(PrometheusExposition().render(snapshot, format: .protobuf).body))
        return Set(families.flatMap { family in
            family.metrics.filter { $0.histogram?.hasSchema == true }.map { Series(name: family.name, labels: $0.labels) }
        })
    }

    /// The series a push sends, without `job` and `instance`.
    static func pushedSeries(_ snapshot: MetricsSnapshot) -> Set<Series> {
        let samples = SnapshotTranslator(naming: PrometheusNaming(), externalLabels: []).translate(snapshot).samples
        return Set(samples.map { sample in
            var labels = Dictionary(uniqueKeysWithValues: sample.labels.map { ($0.name, $0.value) })
            let name = labels.removeValue(forKey: "__name__") ?? ""
            labels["job"] = nil
            labels["instance"] = nil
            return Series(name: name, labels: labels)
        })
    }

    /// The name and labels of a sample line, `name{a="x",b="y\"z"} value ...`, with escapes undone.
    static func parseSeries(_ line: Substring) -> Series {
        var characters = line[...]
        let name = String(characters.prefix { $0 != "{" && $0 != " " })
        characters = characters.dropFirst(name.count)
        var labels: [String: String] = [:]
        guard characters.first == "{" else { return Series(name: name, labels: labels) }
        characters = characters.dropFirst()
        while let first = characters.first, first != "}" {
            let labelName = String(characters.prefix { $0 != "=" })
            characters = characters.dropFirst(labelName.count + 2)
            var value = ""
            while let character = characters.popFirst(), character != "\"" {
                if character == "\\", let escaped = characters.popFirst() {
                    value.append(escaped == "n" ? "\n" : escaped)
                } else {
                    value.append(character)
                }
            }
            labels[labelName] = value
            if characters.first == "," { characters = characters.dropFirst() }
        }
        return Series(name: name, labels: labels)
    }
}
