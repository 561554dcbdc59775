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
/// store is down. With a `queueDirectory`, batches are written to disk before they are sent, so a restart
/// while the store is down loses nothing. `shutdown()` sends what is queued within `flushTimeout`.
///
/// Batches are sent from tasks the exporter starts itself. As a ServiceLifecycle `Service`, `run()` lasts
/// until graceful shutdown and then flushes: list it before the reader in a `ServiceGroup`, so that the
/// reader's final export is queued before the exporter stops.
public final class RemoteWriteExporter: MetricExporter {
    /// The configuration the exporter was created with.
    public let configuration: RemoteWriteConfiguration
    private let translator: SnapshotTranslator
    private let shards: [RemoteWriteShard]
    private let transports: [HTTPTransport]
    private let senders: Mutex<[Task<Void, Never>]>
    private let metrics: RemoteWriteSelfMetrics
    private let isShutDown = Atomic<Bool>(false)

    /// Creates an exporter and starts its senders; batches left in `queueDirectory` by an earlier process
    /// are sent first.
    public init(configuration: RemoteWriteConfiguration) {
        self.configuration = configuration
        translator = SnapshotTranslator(naming: configuration.naming, externalLabels: configuration.externalLabels)
        metrics = RemoteWriteSelfMetrics(shardCount: configuration.shardCount)
        let headers = RemoteWriteHeaders.build(authorization: configuration.authorization, extra: configuration.headers)
        var transports: [HTTPTransport] = []
        var shards: [RemoteWriteShard] = []
        for index in 0..<configuration.shardCount {
            let transport = HTTPTransport(configuration: HTTPTransport.Configuration(
                userAgent: RemoteWriteHeaders.userAgent,
                connectTimeout: min(configuration.requestTimeout, .seconds(10)),
                tls: configuration.tls
            ))
            let delivery = BatchDelivery(
                transport: transport, url: configuration.url, headers: headers, policy: configuration.retryPolicy,
                requestTimeout: configuration.requestTimeout, metrics: metrics)
            transports.append(transport)
            shards.append(RemoteWriteShard(index: index, configuration: configuration, delivery: delivery, metrics: metrics))
        }
        self.transports = transports
        self.shards = shards
        senders = Mutex(shards.map { shard in Task { await shard.run() } })
    }

    /// Remote write carries cumulative values only.
    public var temporalityPreference: TemporalityPreference { .cumulative }

    /// Creates the `vernier.exporter.*` self-metrics (attribute `exporter="remote_write"`) on `meter`.
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
        guard !isShutDown.load(ordering: .relaxed) else {
            metrics.recordDropped(samples: translation.samples.count, reason: .shutdown)
            throw RemoteWriteError.shutDown
        }
        for (points, reason) in translation.dropped {
            metrics.recordDropped(samples: points, reason: reason)
        }
        guard shards.count > 1 else {
            await shards[0].enqueue(translation.samples)
            return
        }
        var partitions = [[PendingSample]](repeating: [], count: shards.count)
        for sample in translation.samples {
            partitions[Int(sample.stableSeriesHash % UInt64(shards.count))].append(sample)
        }
        for (shard, samples) in zip(shards, partitions) {
            await shard.enqueue(samples)
        }
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
        _ = await flush()
        let tasks = senders.withLock { $0 }
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
        for shard in shards { await shard.stop() }
        for transport in transports { await transport.shutdown() }
    }

    /// Cuts every shard's pending samples and waits until all shards are idle or the flush timeout passes;
    /// true when everything was delivered. The wait runs in a task of its own, so a cancelled caller still
    /// gets its flush.
    private func flush() async -> Bool {
        let shards = self.shards
        let timeout = configuration.flushTimeout
        return await Task {
            for shard in shards { await shard.cutAll() }
            let clock = ContinuousClock()
            let deadline = clock.now.advanced(by: timeout)
            while clock.now < deadline {
                var idle = true
                for shard in shards where !(await shard.isIdle) { idle = false }
                if idle { return true }
                try? await Task.sleep(for: .milliseconds(10))
            }
            return false
        }.value
    }
}
