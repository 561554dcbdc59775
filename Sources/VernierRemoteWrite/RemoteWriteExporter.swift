import Synchronization
import Vernier
import VernierTransport

/// Pushes metrics to a Prometheus remote-write 1.0 receiver: Prometheus, Mimir, Thanos, VictoriaMetrics.
///
/// ```swift
/// let exporter = RemoteWriteExporter(configuration: RemoteWriteConfiguration(url: "http://localhost:9090/api/v1/write"))
/// let reader = PeriodicMetricReader(exporter: exporter, interval: .seconds(15))
/// let provider = MeterProvider(resource: Resource(serviceName: "shop"), readers: [reader])
/// ```
///
/// Each export turns the cumulative snapshot into series named exactly as the Prometheus exposition names
/// them and queues their samples; shards cut them into batches and send those in order, retrying while the
/// store is down. The shard count follows the load between `minimumShardCount` and `maximumShardCount`. With a `queueDirectory`, batches are written to disk before they are sent, so a restart
/// while the store is down loses nothing. `shutdown()` sends what is queued within `flushTimeout`.
///
/// Batches are sent from tasks the exporter starts itself. As a ServiceLifecycle `Service`, `run()` lasts
/// until graceful shutdown and then flushes: list it before the reader in a `ServiceGroup`, so that the
/// reader's final export is queued before the exporter stops.
public final class RemoteWriteExporter: MetricExporter {
    /// The configuration the exporter was created with.
    public let configuration: RemoteWriteConfiguration
    private let translator: SnapshotTranslator
    private let shards: ShardSet
    private let metrics = RemoteWriteSelfMetrics()
    private let scaling: Task<Void, Never>
    private let isShutDown = Atomic<Bool>(false)

    /// Creates an exporter and starts its senders; batches left in `queueDirectory` by an earlier process
    /// are sent first. The credentials and header values it sends go into `SecretRegistry`, so no log line
    /// shows them, even when the store echoes them back.
    public init(configuration: RemoteWriteConfiguration) {
        self.configuration = configuration
        configuration.registerSecrets()
        translator = SnapshotTranslator(
            naming: configuration.naming, externalLabels: configuration.externalLabels, sendsNativeHistograms: configuration.sendsNativeHistograms)
        let statistics = DeliveryStatistics()
        shards = ShardSet(configuration: configuration, metrics: metrics, statistics: statistics)
        scaling = Task { [shards, metrics] in
            await Self.scale(shards, configuration: configuration, statistics: statistics, metrics: metrics)
        }
    }

    /// Reconsiders the shard count every `reshardInterval` until cancelled.
    private static func scale(
        _ shards: ShardSet, configuration: RemoteWriteConfiguration, statistics: DeliveryStatistics,
        metrics: RemoteWriteSelfMetrics
    ) async {
        var scaling = ShardScaling(
            minimum: configuration.minimumShardCount, maximum: configuration.maximumShardCount,
            interval: configuration.reshardInterval)
        while (try? await Task.sleep(for: configuration.reshardInterval)) != nil {
            let running = await shards.count
            let desired = scaling.shardCount(after: statistics.takeWindow(), backlog: await shards.queuedSamples, current: running)
            metrics.recordShards(running: running, desired: desired)
            guard desired != running else { continue }
            if await shards.changeCount(to: desired, drainingWithin: configuration.flushTimeout) {
                metrics.recordShards(running: desired, desired: desired)
            } else if !Task.isCancelled {
                Diagnostics.report(.warning, "remote write: staying at \(running) shards instead of \(desired): the shards could not deliver their queue within \(configuration.flushTimeout)", key: "remote-write.reshard")
            }
        }
    }

    /// Remote write carries cumulative values only.
    public var temporalityPreference: TemporalityPreference { .cumulative }

    /// Creates the self-metrics on `meter`: `otel.sdk.exporter.metric_data_point.inflight` and `.exported`,
    /// `otel.sdk.exporter.operation.duration` and `vernier.sdk.exporter.*` (samples, queue, shards, last success),
    /// every series with `otel.component.type="prometheus_remote_write_exporter"` and the exporter's
    /// `otel.component.name`.
    public func attachSelfMetrics(to meter: Meter) {
        do {
            try metrics.attach(to: meter)
        } catch {
            Diagnostics.warn("the remote-write exporter keeps no self-metrics: \(error)")
        }
    }

    /// Queues the samples of `snapshot`; they are sent by the shards. Throws `RemoteWriteError.shutDown`
    /// after `shutdown()`, counting the samples as dropped.
    public func export(_ snapshot: MetricsSnapshot) async throws {
        let translation = translator.translate(snapshot)
        let points = translation.samples.dataPointCount
        metrics.recordPassed(points: points + translation.dropped.reduce(0) { $0 + $1.points })
        for (unsent, reason) in translation.dropped {
            metrics.recordDropped(samples: 0, points: unsent, reason: reason)
        }
        guard !isShutDown.load(ordering: .relaxed) else {
            metrics.recordDropped(samples: translation.samples.count, points: points, reason: .shutdown)
            throw RemoteWriteError.shutDown
        }
        await shards.enqueue(translation.samples)
    }

    /// Sends everything queued now and waits until it is delivered, for at most `flushTimeout`.
    /// Throws `RemoteWriteError.flushTimedOut` when samples are still queued then.
    public func forceFlush() async throws {
        guard await flush() else { throw RemoteWriteError.flushTimedOut(configuration.flushTimeout) }
    }

    /// Sends what is queued within `flushTimeout`, then stops the senders. What is left in memory is
    /// counted as dropped; what is left on disk is sent by the next exporter on the same directory.
    public func shutdown() async {
        guard !isShutDown.exchange(true, ordering: .relaxed) else { return }
        scaling.cancel()
        await scaling.value
        _ = await flush()
        await shards.stop()
    }

    /// Cuts every shard's pending samples and waits until all shards are idle or the flush timeout passes;
    /// true when everything was delivered. The wait runs in a task of its own, so a cancelled caller still
    /// gets its flush.
    private func flush() async -> Bool {
        let shards = self.shards
        let timeout = configuration.flushTimeout
        return await Task {
            await shards.cutAll()
            let clock = ContinuousClock()
            let deadline = clock.now.advanced(by: timeout)
            while clock.now < deadline {
                if await shards.isIdle { return true }
                try? await Task.sleep(for: .milliseconds(10))
            }
            return false
        }.value
    }
}
