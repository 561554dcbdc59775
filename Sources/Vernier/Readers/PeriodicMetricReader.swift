import ServiceLifecycle
import Synchronization

/// A reader that collects on an interval and hands each snapshot to an exporter, as OTLP and remote-write push.
///
/// Run it as a ServiceLifecycle `Service`, the one way every push exporter runs: `run()` exports every
/// `interval` until graceful shutdown or cancellation, then exports once more and shuts the exporter down (a
/// remote-write exporter delivers its queue then), so that stopping a service loses nothing. Exports never
/// overlap, and each is abandoned after `timeout`.
public final class PeriodicMetricReader: MetricReader, Service {
    /// How often to export.
    public let interval: Duration
    /// How long one export may take.
    public let timeout: Duration
    private let exporter: any MetricExporter
    private let collector = OnceReference<MetricCollector>()
    private let exports = SerialExecutor()
    private let isShutDown = Atomic<Bool>(false)

    /// Creates a reader for `exporter`; pass it to a `MeterProvider`.
    public init(exporter: any MetricExporter, interval: Duration = .seconds(60), timeout: Duration = .seconds(30)) {
        self.exporter = exporter
        self.interval = interval
        self.timeout = timeout
    }

    /// Creates a reader whose interval and timeout come from `OTEL_METRIC_EXPORT_INTERVAL` and
    /// `OTEL_METRIC_EXPORT_TIMEOUT` (milliseconds), falling back to 60 s and 30 s with a warning when malformed.
    public convenience init(exporter: any MetricExporter, environment: [String: String]) {
        self.init(
            exporter: exporter,
            interval: Self.milliseconds(environment, "OTEL_METRIC_EXPORT_INTERVAL", default: 60_000),
            timeout: Self.milliseconds(environment, "OTEL_METRIC_EXPORT_TIMEOUT", default: 30_000))
    }

    private static func milliseconds(_ environment: [String: String], _ name: String, default fallback: Int) -> Duration {
        guard let raw = environment[name], !raw.isEmpty else { return .milliseconds(fallback) }
        guard let value = Int(Substring(raw).trimmingSpaces), value > 0 else {
            Diagnostics.warn("\(name)='\(raw)' is not a positive number of milliseconds; using \(fallback)")
            return .milliseconds(fallback)
        }
        return .milliseconds(value)
    }

    public var temporalityPreference: TemporalityPreference { exporter.temporalityPreference }

    public func register(_ collector: MetricCollector) {
        guard self.collector.set(collector) === collector else { return }
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
        guard let collector = collector.loadIfSet() else { return }
        let exporter = self.exporter
        let timeout = self.timeout
        await exports.run {
            let snapshot = collector.collect()
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
func withDeadline(_ timeout: Duration, _ operation: @escaping @Sendable () async throws -> Void) async throws {
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

/// Runs async jobs one after another, in the order they were submitted.
final class SerialExecutor: Sendable {
    private let tail = MutexBox<Task<Void, Never>?>(nil)

    /// Runs `job` after every job submitted before it, and returns when it finished.
    func run(_ job: @escaping @Sendable () async -> Void) async {
        let task = tail.withLock { tail -> Task<Void, Never> in
            let previous = tail
            let next = Task {
                await previous?.value
                await job()
            }
            tail = next
            return next
        }
        await task.value
    }
}
