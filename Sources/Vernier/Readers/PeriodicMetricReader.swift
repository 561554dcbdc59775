import ServiceLifecycle
import Synchronization
import VernierConcurrency

/// A reader that collects on an interval and hands each snapshot to an exporter, as OTLP and remote-write push.
///
/// Run it as a ServiceLifecycle `Service`, the one way every push exporter runs: `run()` exports every
/// `interval` until graceful shutdown or cancellation, then exports once more and shuts the exporter down (a
/// remote-write exporter delivers its queue then), so that stopping a service loses nothing. Exports never
/// overlap, and each is abandoned after `timeout`. Each collection's time goes to the provider's
/// `otel.sdk.metric_reader.collection.duration` (`otel.component.type` `periodic_metric_reader`).
public final class PeriodicMetricReader: MetricReader, Service {
    /// How often to export.
    public let interval: Duration
    /// How long one export may take.
    public let timeout: Duration
    /// Sources of metrics recorded elsewhere, merged into each collection.
    public let producers: [any MetricProducer]
    private let exporter: any MetricExporter
    private let collector = OnceReference<MetricCollector>()
    private let component = SDKComponent(type: "periodic_metric_reader")
    private let collectionTimer = OnceReference<CollectionTimer>()
    private let exports = AsyncLock()
    private let isShutDown = Atomic<Bool>(false)

    /// Creates a reader for `exporter`; pass it to a `MeterProvider`.
    public init(
        exporter: any MetricExporter, interval: Duration = .seconds(60), timeout: Duration = .seconds(30), producers: [any MetricProducer] = []
    ) {
        self.exporter = exporter
        self.interval = interval
        self.timeout = timeout
        self.producers = producers
    }

    public var temporalityPreference: TemporalityPreference { exporter.temporalityPreference }

    public func register(_ collector: MetricCollector) {
        guard self.collector.set(collector) === collector else { return }
        collectionTimer.set(CollectionTimer(meter: collector.selfMetricsMeter, component: component))
        exporter.attachSelfMetrics(to: collector.selfMetricsMeter)
    }

    /// Exports on the interval until graceful shutdown or cancellation, then exports once more and shuts the
    /// exporter down.
    public func run() async throws {
        await cancelWhenGracefulShutdown { await self.exportOnInterval() }
        await shutdown()
    }

    private func exportOnInterval() async {
        while !Task.isCancelled, !isShutDown.load(ordering: .relaxed) {
            do {
                try await Task.sleep(for: interval)
            } catch {
                return
            }
            await exportOnce()
        }
    }

    /// Collects and exports now, waiting for any export in progress first.
    public func forceFlush() async {
        await exportOnce()
        try? await exporter.forceFlush()
    }

    /// Exports one last time and shuts the exporter down; later calls do nothing.
    public func shutdown() async {
        guard !isShutDown.exchange(true, ordering: .relaxed) else { return }
        await exportOnce()
        await exporter.shutdown()
    }

    private func exportOnce() async {
        guard let collector = collector.loadIfSet(), let timer = collectionTimer.loadIfSet() else { return }
        let exporter = self.exporter
        let timeout = self.timeout
        await exports.withLock {
            let snapshot = timer.collect(collector.collect)
            do {
                try await withDeadline(timeout) { try await exporter.export(snapshot) }
            } catch {
                Diagnostics.report(.error, "metric export failed: \(error)", key: "periodic-export/\(type(of: exporter))")
            }
        }
    }
}

/// Thrown when an operation outlives its deadline.
public struct DeadlineExceeded: Error, CustomStringConvertible {
    /// The deadline that passed.
    public let timeout: Duration

    public var description: String { "gave up after \(timeout)" }
}

/// Runs `operation`, cancelling it and throwing `DeadlineExceeded` when `timeout` passes first.
package func withDeadline(_ timeout: Duration, _ operation: @escaping @Sendable () async throws -> Void) async throws {
    try await withThrowingTaskGroup(of: Bool.self) { group in
        group.addTask {
            try await operation()
            return true
        }
        group.addTask {
            try await Task.sleep(for: timeout)
            return false
        }
        defer { group.cancelAll() }
        if try await group.next() == false { throw DeadlineExceeded(timeout: timeout) }
    }
}
