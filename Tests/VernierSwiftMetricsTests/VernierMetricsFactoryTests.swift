import CoreMetrics
import SwiftMetricsOnlyLibrary
import Testing
import Vernier
import VernierSwiftMetrics
import VernierTesting

@Suite("swift-metrics backend", .serialized)
struct VernierMetricsFactoryTests {
    let reader = PullMetricReader()
    let provider: MeterProvider
    let factory: VernierMetricsFactory

    init() {
        provider = MeterProvider(resource: Resource(serviceName: "jobs"), readers: [reader], exemplarFilter: .alwaysOff)
        factory = VernierMetricsFactory(meterProvider: provider)
    }

    func metric(_ name: String) -> Metric? {
        reader.collect().metrics.first { $0.name == name }
    }

    @Test("each swift-metrics kind becomes the OpenTelemetry instrument with its meaning")
    func kindsMapOntoInstruments() throws {
        let queue = JobQueue(name: "mail", factory: factory)
        queue.complete(revenue: 2.5, payloadBytes: 300, nanoseconds: 40_000_000, depthAfter: 7)
        queue.complete(revenue: 1.25, payloadBytes: 90, nanoseconds: 2_000_000_000, depthAfter: 3)
        let mail: Attributes = ["queue": "mail"]

        guard case .sum(let processed)? = metric("jobs.processed")?.data else { Issue.record("jobs.processed is not a sum"); return }
        #expect(processed.isMonotonic && processed.points.map(\.value) == [.int(2)] && processed.points[0].attributes == mail)
        guard case .sum(let revenue)? = metric("jobs.revenue")?.data else { Issue.record("jobs.revenue is not a sum"); return }
        #expect(revenue.isMonotonic && revenue.points.map(\.value) == [.double(3.75)])
        guard case .sum(let inFlight)? = metric("jobs.in_flight")?.data else { Issue.record("jobs.in_flight is not a sum"); return }
        #expect(!inFlight.isMonotonic && inFlight.points.map(\.value) == [.double(0)])
        guard case .gauge(let depth)? = metric("jobs.queue.depth")?.data else { Issue.record("jobs.queue.depth is not a gauge"); return }
        #expect(depth.points.map(\.value) == [.double(3)])
        guard case .histogram(let payload)? = metric("jobs.payload.size")?.data else { Issue.record("jobs.payload.size is not a histogram"); return }
        #expect(payload.points.first?.count == 2 && payload.points.first?.sum == 390)

        let timer = try #require(metric("jobs.duration"))
        #expect(timer.unit == "s")
        guard case .histogram(let duration) = timer.data, let point = duration.points.first else { Issue.record("jobs.duration is not a histogram"); return }
        #expect(point.boundaries == VernierMetricsFactory.defaultTimerBoundaries)
        #expect(point.sum == 2.04 && point.min == 0.04 && point.max == 2)
        #expect(point.bucketCounts[point.boundaries.firstIndex(of: 0.05)!] == 1)
        #expect(point.bucketCounts[point.boundaries.firstIndex(of: 2.5)!] == 1)
    }

    @Test("Meter.set replaces the sum's total and increments add to it")
    func meterSetReplacesTheTotal() {
        let queue = JobQueue(name: "mail", factory: factory)
        queue.setInFlight(12)
        queue.setInFlight(5)
        queue.complete(revenue: 0, payloadBytes: 0, nanoseconds: 0, depthAfter: 0)
        guard case .sum(let inFlight)? = metric("jobs.in_flight")?.data else { Issue.record("jobs.in_flight is not a sum"); return }
        #expect(inFlight.points.map(\.value) == [.double(5)])
    }

    @Test("Counter.reset starts the counter again from zero with a later start time")
    func resetRestartsTheCounter() {
        let queue = JobQueue(name: "mail", factory: factory)
        queue.complete(revenue: 1, payloadBytes: 1, nanoseconds: 1, depthAfter: 1)
        guard case .sum(let before)? = metric("jobs.processed")?.data else { Issue.record("no jobs.processed"); return }
        queue.resetProcessed()
        queue.complete(revenue: 1, payloadBytes: 1, nanoseconds: 1, depthAfter: 1)
        guard case .sum(let after)? = metric("jobs.processed")?.data else { Issue.record("no jobs.processed"); return }
        #expect(after.points.map(\.value) == [.int(1)])
        #expect(after.points[0].startTime > before.points[0].startTime)
    }

    @Test("a delta reader reports what a reset counter counted since the reset, never a negative change")
    func deltaAfterResetIsTheNewCount() {
        let deltaReader = PullMetricReader(temporalityPreference: .delta)
        let provider = MeterProvider(readers: [deltaReader], exemplarFilter: .alwaysOff)
        let counter = Counter(label: "jobs.processed", dimensions: [], factory: VernierMetricsFactory(meterProvider: provider))
        counter.increment(by: 10)
        _ = deltaReader.collect()
        counter.reset()
        counter.increment(by: 3)
        guard case .sum(let sum)? = deltaReader.collect().metrics.first?.data else { Issue.record("no delta sum"); return }
        #expect(sum.points.map(\.value) == [.int(3)])
    }

    @Test("destroy stops reporting the series; other series of the instrument stay")
    func destroyRemovesTheSeries() throws {
        let mail = JobQueue(name: "mail", factory: factory)
        let sms = JobQueue(name: "sms", factory: factory)
        mail.complete(revenue: 1, payloadBytes: 1, nanoseconds: 1, depthAfter: 1)
        sms.complete(revenue: 1, payloadBytes: 1, nanoseconds: 1, depthAfter: 1)
        mail.destroy()
        for name in ["jobs.processed", "jobs.revenue", "jobs.in_flight", "jobs.payload.size", "jobs.queue.depth", "jobs.duration"] {
            let found = try #require(metric(name), "\(name) vanished with the mail queue")
            #expect(found.data.pointAttributes == [["queue": "sms"]], "\(name)")
        }
    }

    @Test("a series asked for again gets the same handler, until it is destroyed")
    func handlersAreReusedUntilDestroyed() {
        let first = factory.makeCounter(label: "http_requests_total", dimensions: [("status", "200")])
        #expect(first === factory.makeCounter(label: "http_requests_total", dimensions: [("status", "200")]))
        #expect(first !== factory.makeCounter(label: "http_requests_total", dimensions: [("status", "500")]))
        first.increment(by: 5)
        factory.destroyCounter(first)
        let again = factory.makeCounter(label: "http_requests_total", dimensions: [("status", "200")])
        #expect(again !== first)
        again.increment(by: 1)
        guard case .sum(let sum)? = metric("http_requests_total")?.data else { Issue.record("no http_requests_total"); return }
        #expect(sum.points.first { $0.attributes == ["status": "200"] }?.value == .int(1))
    }

    @Test("handlers are told apart by every byte of the label, dimension names and values, whatever their length")
    func handlerKeysCompareEveryPart() {
        let route = String(repeating: "/orders/{id}", count: 5)
        func counter(_ label: String, _ dimensions: [(String, String)]) -> any CounterHandler {
            factory.makeCounter(label: String(label.utf8), dimensions: dimensions.map { (String($0.0.utf8), String($0.1.utf8)) })
        }
        let base = counter("requests", [("route", route), ("status", "200")])
        #expect(base === counter("requests", [("route", route), ("status", "200")]))
        #expect(base !== counter("requests", [("route", route + "x"), ("status", "200")]))
        #expect(base !== counter("requests", [("path", route), ("status", "200")]))
        #expect(base !== counter("requests", [("route", route), ("status", "201")]))
        #expect(base !== counter("requests", [("route", route)]))
        #expect(base !== counter("requests2", [("route", route), ("status", "200")]))
        #expect(counter("é", []) === counter("é", []))
    }

    @Test("a label that is no instrument name is recorded under a valid one")
    func invalidLabelsAreSanitized() {
        Counter(label: "http requests:total", dimensions: [], factory: factory).increment()
        Counter(label: "5xx", dimensions: [], factory: factory).increment()
        let names = Set(reader.collect().metrics.map(\.name))
        #expect(names.isSuperset(of: ["http_requests_total", "metric_5xx"]))
    }

    @Test("a label taken by another kind records nothing and says why, instead of crashing")
    func conflictingKindsAreReported() {
        let messages = DiagnosticsRecorder()
        messages.captureDiagnostics()
        defer { messages.stopCapturing() }
        Counter(label: "jobs.conflict", dimensions: [], factory: factory).increment()
        Gauge(label: "jobs.conflict", dimensions: [], factory: factory).record(4)
        guard case .sum(let sum)? = metric("jobs.conflict")?.data else { Issue.record("the counter was not kept"); return }
        #expect(sum.points.map(\.value) == [.int(1)])
        #expect(messages.lines.contains { $0.contains("jobs.conflict") && $0.contains("not recorded") })
    }

    @Test("negative and non-finite values are dropped and counted, as for native instruments")
    func badValuesAreCounted() {
        let counter = FloatingPointCounter(label: "jobs.bad", dimensions: [], factory: factory)
        counter.increment(by: 2)
        counter.increment(by: -1)
        Recorder(label: "jobs.bad.size", dimensions: [], factory: factory).record(Double.nan)
        guard case .sum(let sum)? = metric("jobs.bad")?.data else { Issue.record("no jobs.bad"); return }
        #expect(sum.points.map(\.value) == [.double(2)])
        guard case .sum(let dropped)? = metric("vernier.sdk.measurement.dropped")?.data else { Issue.record("no drop count"); return }
        #expect(dropped.points.reduce(0) { $0 + $1.value.doubleValue } == 2)
    }
}
