import NIOCore
import ServiceLifecycle
import Synchronization
import Vernier
import VernierConcurrency

/// Reports what an operator looks at first when a service misbehaves: CPU time, memory, heap, file
/// descriptors, threads, context switches, page faults, uptime, and how late event loops run.
///
/// Creating the sampler registers its instruments on the `vernier.runtime` meter of `meterProvider`. Process
/// and heap values are observable instruments, read from procfs, `getrusage`, `getrlimit` and `mallinfo2()`
/// at each collection. Event-loop lag needs the sampler running as a ServiceLifecycle `Service`: `run()` probes
/// every loop of `lagProbes` every `lagResolution`, records each measurement in the
/// `vernier.runtime.event_loop.lag` histogram, and every `interval` publishes each loop's min, max, mean, p50,
/// p90 and p99 over that interval as `vernier.runtime.event_loop.lag.<statistic>` gauges.
///
/// A value that cannot be read here (a missing procfs field, a C library without `mallinfo2()`, a loop that
/// was shut down) is left out and its reason logged once; the rest carries on. Create one sampler per provider.
public final class RuntimeSampler: Service, Sendable {
    /// How often lag statistics are published.
    public let interval: Duration
    private let lagTargets: [LagProbeTarget]
    private let lagResolution: TimeAmount
    /// Nil without loops to probe: the lag instruments could report nothing, and would cost every collection.
    private let lagMetrics: LagMetrics?
    private let problems = ProblemLog()
    private let activeRecorders = MutexBox<[LagRecorder]>([])
    private let isRunning = Atomic<Bool>(false)

    /// Creates a sampler and registers its instruments on `meterProvider`.
    ///
    /// - Parameters:
    ///   - meterProvider: Where the runtime metrics are reported.
    ///   - interval: How often lag statistics are published while `run()` runs; 5 s by default.
    ///   - naming: OpenTelemetry names by default, or the Go Prometheus client's `process_*` names.
    ///   - lagProbes: The loops whose lag is measured; Swift concurrency's global executor by default. Empty leaves
    ///     the event-loop lag metrics out.
    ///   - lagResolution: How often each loop is probed; 10 ms by default.
    public init(
        meterProvider: MeterProvider,
        interval: Duration = .seconds(5),
        naming: RuntimeMetricNaming = .openTelemetry,
        lagProbes: [LagProbeTarget] = [.globalConcurrencyExecutor],
        lagResolution: Duration = .milliseconds(10)
    ) {
        self.interval = interval
        self.lagTargets = lagProbes
        self.lagResolution = TimeAmount(lagResolution)
        let registrar = InstrumentRegistrar(
            meter: meterProvider.meter("vernier.runtime", version: Resource.sdkVersion), problems: problems)
        ProcessMetrics.register(with: registrar, naming: naming)
        HeapMetrics.register(with: registrar)
        lagMetrics = lagProbes.isEmpty ? nil : LagMetrics(registrar: registrar)
    }

    /// Probes the event loops and publishes their lag statistics every `interval`, until the task is cancelled
    /// or a graceful shutdown begins; then stops the probes and withdraws the lag statistics.
    public func run() async throws {
        guard isRunning.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else {
            problems.reportOnce(key: "run", "run() was called while the sampler was already running; the second call returned")
            return
        }
        defer { isRunning.store(false, ordering: .releasing) }
        let probes = lagMetrics.map {
            LagProbeTarget.makeProbes(for: lagTargets, resolution: lagResolution, metrics: $0, problems: problems)
        } ?? []
        activeRecorders.withLock { $0 = probes.map(\.recorder) }
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                for probe in probes {
                    group.addTask { await probe.run() }
                }
                group.addTask { await self.closeLagIntervals() }
            }
        }
        activeRecorders.withLock { $0 = [] }
        lagMetrics?.publish([])
    }

    /// Ends the current lag interval now: publishes each probed loop's statistics since the previous interval
    /// and starts the next. `run()` calls it every `interval`; call it to read lag at a moment of your choosing.
    public func closeLagInterval() {
        guard let lagMetrics else { return }
        let now = NIODeadline.now()
        let recorders = activeRecorders.withLock { $0 }
        lagMetrics.publish(recorders.compactMap { recorder in
            recorder.closeWindow(at: now).map { (loop: recorder.attributes, statistics: $0) }
        })
    }

    private func closeLagIntervals() async {
        while true {
            do {
                try await Task.sleep(for: interval)
            } catch {
                return
            }
            closeLagInterval()
        }
    }
}
