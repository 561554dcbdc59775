import Testing
import Vernier
@testable import VernierPrometheus

/// A renderer reuses the layout of its previous snapshot; whatever the snapshots, its output must be what a
/// fresh renderer writes.
@Suite("Exposition reuse")
struct ExpositionReuseTests {
    @Test func unchangedSeriesWithNewValuesRenderAsFresh() {
        let renderer = PrometheusExposition()
        expectFreshOutput(renderer, ShopSnapshot.snapshot)
        expectFreshOutput(renderer, ShopSnapshot.snapshot)
        expectFreshOutput(renderer, Self.changing(ShopSnapshot.snapshot) { points in
            points[0].value = .int(42)
            points[0].exemplars = []
            points[1].startTime = ShopSnapshot.now
        })
    }

    @Test func everyChangeOfShapeIsSeen() {
        let renderer = PrometheusExposition()
        let shop = ShopSnapshot.snapshot
        var changes: [MetricsSnapshot] = [
            Self.changing(shop) { $0.append(NumberPoint(attributes: ["payment.method": "voucher"], startTime: ShopSnapshot.start, time: ShopSnapshot.now, value: .int(5))) },
            Self.changing(shop) { $0.removeLast() },
            Self.changing(shop) { $0.reverse() },
            Self.changing(shop) { $0[1].attributes = ["payment.method": "cheque"] },
        ]
        var described = shop
        described.resourceMetrics[0].scopes[0].metrics[0].description = "Orders taken"
        var renamedScope = shop
        renamedScope.resourceMetrics[0].scopes[0].scope = InstrumentationScope(name: "shop.checkout")
        var newResource = shop
        newResource.resourceMetrics[0].resource = Resource(attributes: ["service.name": "shop", "service.instance.id": "i-2"])
        var malformed = shop
        if case .histogram(var histogram) = malformed.resourceMetrics[0].scopes[0].metrics[3].data {
            histogram.points[0].bucketCounts.removeLast()
            malformed.resourceMetrics[0].scopes[0].metrics[3].data = .histogram(histogram)
        }
        var withoutScope = shop
        withoutScope.resourceMetrics[0].scopes.removeLast()
        changes += [described, renamedScope, newResource, malformed, withoutScope]
        for snapshot in changes {
            expectFreshOutput(renderer, shop)
            expectFreshOutput(renderer, snapshot)
        }
    }

    @Test func canonicallyEquivalentTextIsNotTakenForTheSame() {
        let renderer = PrometheusExposition()
        let composed = ExpositionDetailsTests.snapshot(gauge: ["city": "Z\u{FC}rich"])
        let decomposed = ExpositionDetailsTests.snapshot(gauge: ["city": "Zu\u{308}rich"])
        #expect(composed == decomposed)
        expectFreshOutput(renderer, composed)
        expectFreshOutput(renderer, decomposed)
        expectFreshOutput(renderer, composed)
    }

    @Test func aCopyWithAnotherNamingRendersWithItsOwn() {
        let renderer = PrometheusExposition()
        expectFreshOutput(renderer, ShopSnapshot.snapshot)
        var copy = renderer
        copy.naming = PrometheusNaming(addsUnitSuffixes: false, exposesTargetInfo: false, addsScopeLabels: false)
        expectFreshOutput(copy, ShopSnapshot.snapshot)
        expectFreshOutput(renderer, ShopSnapshot.snapshot)
    }

    @Test func bodiesStayIntactWhetherHeldOrReleased() {
        let renderer = PrometheusExposition()
        let small = ExpositionDetailsTests.snapshot(gauge: ["k": "v"])
        let large = Self.changing(ShopSnapshot.snapshot) { points in
            for index in 0..<500 {
                points.append(NumberPoint(attributes: ["id": .int(Int64(index))], startTime: ShopSnapshot.start, time: ShopSnapshot.now, value: .int(1)))
            }
        }
        let sequence = [small, large, large, small, small, large]
        let expected = sequence.map { PrometheusExposition().render($0, format: .openMetrics).body }
        let bodies = sequence.map { renderer.render($0, format: .openMetrics).body }
        #expect(bodies == expected)
        for (snapshot, body) in zip(sequence, expected) {
            #expect(renderer.render(snapshot, format: .openMetrics).body == body)
        }
    }

    @Test func concurrentRendersOfDifferentShapesStayCorrect() async {
        let renderer = PrometheusExposition()
        let snapshots = [
            ShopSnapshot.snapshot,
            Self.changing(ShopSnapshot.snapshot) { $0.removeLast() },
            ExpositionDetailsTests.snapshot(gauge: ["k": "v"]),
        ]
        let expected = snapshots.map { PrometheusExposition().render($0, format: .openMetrics).body }
        let mismatches = await withTaskGroup(of: Int.self) { group in
            for task in 0..<4 {
                group.addTask {
                    var mismatches = 0
                    for round in 0..<200 {
                        let index = (task + round) % snapshots.count
                        if renderer.render(snapshots[index], format: .openMetrics).body != expected[index] { mismatches += 1 }
                    }
                    return mismatches
                }
            }
            return await group.reduce(0, +)
        }
        #expect(mismatches == 0)
    }

    @Test func scrapesWhileSeriesAreCreatedShowEverySeries() async throws {
        let reader = PullMetricReader()
        let provider = MeterProvider(resource: Resource(attributes: ["service.name": "svc"]), readers: [reader], cardinalityLimit: 5000)
        let counter = try provider.meter("lib").counter("jobs")
        let renderer = PrometheusExposition()
        let recording = Task.detached {
            for index in 0..<2000 { counter.add(index, attributes: ["id": .int(Int64(index))]) }
        }
        var lastCount = 0
        while lastCount < 2000 {
            let snapshot = reader.collect()
            let body = renderer.render(snapshot, format: .prometheusText).body
            #expect(body == PrometheusExposition().render(snapshot, format: .prometheusText).body)
            lastCount = snapshot.pointCount
        }
        await recording.value
    }

    /// Checks both formats against a fresh renderer, drops included.
    private func expectFreshOutput(_ renderer: PrometheusExposition, _ snapshot: MetricsSnapshot, sourceLocation: SourceLocation = #_sourceLocation) {
        for format in [ExpositionFormat.prometheusText, .openMetrics] {
            let reused = renderer.render(snapshot, format: format)
            let fresh = PrometheusExposition(naming: renderer.naming).render(snapshot, format: format)
            // Bytes, not strings: strings compare canonically equivalent text as equal.
            #expect(reused.body == fresh.body, sourceLocation: sourceLocation)
            #expect(reused.drops == fresh.drops, sourceLocation: sourceLocation)
        }
    }

    /// The snapshot with the points of its first metric, a counter, changed.
    private static func changing(_ snapshot: MetricsSnapshot, _ change: (inout [NumberPoint]) -> Void) -> MetricsSnapshot {
        var snapshot = snapshot
        guard case .sum(var sum) = snapshot.resourceMetrics[0].scopes[0].metrics[0].data else { return snapshot }
        change(&sum.points)
        snapshot.resourceMetrics[0].scopes[0].metrics[0].data = .sum(sum)
        return snapshot
    }
}
