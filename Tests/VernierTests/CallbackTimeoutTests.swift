import Dispatch
import Synchronization
import Testing
@testable import Vernier
import VernierTesting

/// Observable callbacks that block: the collection waits for them at most the callback timeout.
@Suite struct CallbackTimeoutTests {
    /// A gauge callback that blocks until unblocked, counting its calls.
    final class BlockingCallback: Sendable {
        let calls = Atomic<Int>(0)
        private let isUnblocked = Atomic<Bool>(false)
        private let release = DispatchSemaphore(value: 0)

        func callAsFunction(_ observer: Observer<Int>) {
            calls.add(1, ordering: .relaxed)
            if !isUnblocked.load(ordering: .relaxed) { release.wait() }
            observer.observe(7)
        }

        /// Lets the blocked call return, and every later one return at once.
        func unblock() {
            isUnblocked.store(true, ordering: .relaxed)
            release.signal()
        }
    }

    private static func timeouts(in snapshot: MetricsSnapshot, of instrument: String) throws -> Double {
        try snapshot.counterValue("vernier.sdk.callback.timeouts", attributes: ["instrument": .string(instrument)])
    }

    @Test func aBlockingCallbackIsCutAtTheTimeoutAndSkippedUntilItReturns() throws {
        let metrics = TestMetrics(callbackTimeout: .milliseconds(200))
        let stuck = BlockingCallback()
        let meter = metrics.meter("app")
        try meter.observableGauge("app.stuck") { (observer: Observer<Int>) in stuck(observer) }
        try meter.observableGauge("app.after") { (observer: Observer<Int>) in observer.observe(2) }
        let clock = ContinuousClock()

        _ = metrics.collect()
        var snapshot = metrics.collect()
        #expect(try snapshot.gaugeValue("app.after") == 2, "the instruments after the late one are collected")
        #expect(throws: MetricLookupError.self) { try snapshot.metric(named: "app.stuck") }
        #expect(try Self.timeouts(in: snapshot, of: "app.stuck") == 2, "cut once, then skipped once while still running")
        #expect(stuck.calls.load(ordering: .relaxed) == 1, "never called again while it runs")

        stuck.unblock()
        let deadline = clock.now + .seconds(30)
        repeat {
            snapshot = metrics.collect()
        } while (try? snapshot.gaugeValue("app.stuck")) == nil && clock.now < deadline
        #expect(try snapshot.gaugeValue("app.stuck") == 7, "collected again once it returned")
        #expect(stuck.calls.load(ordering: .relaxed) >= 2)
    }

    @Test func theFirstCollectionWaitsOnlyTheTimeout() throws {
        let metrics = TestMetrics(callbackTimeout: .milliseconds(300))
        let stuck = BlockingCallback()
        try metrics.meter("app").observableGauge("app.stuck") { (observer: Observer<Int>) in stuck(observer) }
        let elapsed = ContinuousClock().measure { _ = metrics.collect() }
        stuck.unblock()
        #expect(elapsed >= .milliseconds(300) && elapsed < .seconds(10), "\(elapsed)")
    }

    @Test func thePeriodicReaderKeepsItsCadenceAroundABlockingCallback() async throws {
        let exporter = InMemoryMetricExporter()
        let reader = PeriodicMetricReader(exporter: exporter, interval: .milliseconds(100))
        let provider = MeterProvider(resource: Resource(attributes: .empty), readers: [reader], callbackTimeout: .milliseconds(50))
        let stuck = BlockingCallback()
        try provider.meter("app").observableGauge("app.stuck") { (observer: Observer<Int>) in stuck(observer) }
        try provider.meter("app").counter("app.requests").add(1)
        let running = Task { try await reader.run() }
        try await Task.sleep(for: .milliseconds(1500))
        running.cancel()
        try await running.value
        stuck.unblock()
        // Every 100 ms over 1.5 s is 15 exports; a collection held up by the callback would allow one.
        #expect(exporter.snapshots.count >= 8, "\(exporter.snapshots.count) exports")
        #expect(try exporter.snapshots.last?.counterValue("app.requests") == 1)
    }
}
