import Vernier
import VernierTransport

/// The exporter's running shards, each with its own connection and sending task, and the changes of
/// their number.
///
/// A series goes to the shard its stable hash picks among the shards running, so the count may only
/// change when nothing is queued: `changeCount(to:drainingWithin:)` holds new samples back, lets every
/// shard deliver what it has, then starts or stops shards and releases what it held. If the shards cannot
/// deliver in time, the change is given up and the held samples go to the shards that ran before, in order.
actor ShardSet {
    /// One shard with the connection and the task that send its batches.
    private struct Lane {
        let shard: RemoteWriteShard
        let transport: HTTPTransport
        let sender: Task<Void, Never>
    }

    private let configuration: RemoteWriteConfiguration
    private let headers: [(name: String, value: String)]
    private let metrics: RemoteWriteSelfMetrics
    private let statistics: DeliveryStatistics
    private var lanes: [Lane]
    /// Samples exported while the shard count changes, oldest first; nil at every other time.
    private var held: [PendingSample]?
    /// Exports handing their samples to the shards right now.
    private var enqueuesInProgress = 0

    /// Starts `minimumShardCount` shards, or as many as the queue directory has folders of an earlier
    /// process, so that the batches there go out before newer samples of the same series.
    init(configuration: RemoteWriteConfiguration, metrics: RemoteWriteSelfMetrics, statistics: DeliveryStatistics) {
        let headers = RemoteWriteHeaders.build(authorization: configuration.authorization, extra: configuration.headers)
        let leftover = configuration.queueDirectory.map(ShardDirectory.count(in:)) ?? 0
        let count = max(configuration.minimumShardCount, leftover)
        self.configuration = configuration
        self.headers = headers
        self.metrics = metrics
        self.statistics = statistics
        lanes = (0..<count).map { index in
            Self.startLane(index, configuration: configuration, headers: headers, metrics: metrics, statistics: statistics)
        }
        metrics.recordShards(running: count, desired: count)
    }

    private static func startLane(
        _ index: Int, configuration: RemoteWriteConfiguration, headers: [(name: String, value: String)],
        metrics: RemoteWriteSelfMetrics, statistics: DeliveryStatistics
    ) -> Lane {
        let transport = HTTPTransport(configuration: HTTPTransport.Configuration(
            userAgent: RemoteWriteHeaders.userAgent,
            connectTimeout: min(configuration.requestTimeout, .seconds(10)),
            tls: configuration.tls
        ))
        let delivery = BatchDelivery(
            transport: transport, url: configuration.url, headers: headers, policy: configuration.retryPolicy,
            requestTimeout: configuration.requestTimeout, metrics: metrics, statistics: statistics)
        let shard = RemoteWriteShard(index: index, configuration: configuration, delivery: delivery, metrics: metrics)
        return Lane(shard: shard, transport: transport, sender: Task { await shard.run() })
    }

    /// The shards running.
    var count: Int { lanes.count }

    /// The samples held back or queued in any shard.
    var queuedSamples: Int {
        get async {
            var total = held?.count ?? 0
            for lane in lanes { total += await lane.shard.queuedSamples }
            return total
        }
    }

    /// Whether nothing is held back, pending, queued or being sent.
    var isIdle: Bool {
        get async {
            guard held == nil else { return false }
            return await lanesAreIdle()
        }
    }

    /// Hands the samples of one export to the shards of their series; while the count changes, holds them
    /// back, dropping the oldest (counted) beyond the shards' joint capacity.
    func enqueue(_ samples: [PendingSample]) async {
        statistics.recordQueued(samples: samples.count)
        if held != nil {
            hold(samples)
            return
        }
        enqueuesInProgress += 1
        defer { enqueuesInProgress -= 1 }
        await distribute(samples)
    }

    /// Cuts every shard's pending samples into batches now, for a flush.
    func cutAll() async {
        for lane in lanes { await lane.shard.cutAll() }
    }

    /// Runs `count` shards from now on, once every shard delivered what it has (waiting at most `timeout`).
    /// Returns whether the count changed; it does not when the shards could not deliver in time or the
    /// calling task was cancelled.
    func changeCount(to count: Int, drainingWithin timeout: Duration) async -> Bool {
        guard count != lanes.count, count > 0, held == nil else { return false }
        held = []
        let drained = await drain(within: timeout)
        if drained {
            while lanes.count > count {
                let lane = lanes.removeLast()
                await stop(lane)
                metrics.forgetQueue(shard: lanes.count)
                if let root = configuration.queueDirectory,
                   !FileSystem.removeEmptyDirectory(ShardDirectory.path(of: lanes.count, in: root)) {
                    Diagnostics.warn("remote write: the queue folder of stopped shard \(lanes.count) could not be removed")
                }
            }
            while lanes.count < count {
                lanes.append(Self.startLane(
                    lanes.count, configuration: configuration, headers: headers, metrics: metrics, statistics: statistics))
            }
        }
        await releaseHeld()
        return drained
    }

    /// Stops every shard: what is left in memory is counted as dropped, what is on disk stays there.
    func stop() async {
        for lane in lanes { await stop(lane) }
    }

    private func stop(_ lane: Lane) async {
        lane.sender.cancel()
        await lane.sender.value
        await lane.shard.stop()
        await lane.transport.shutdown()
    }

    /// Waits until no export is handing samples over, cuts what the shards have pending, and waits until
    /// they delivered it; false when `timeout` passed first or the task was cancelled.
    private func drain(within timeout: Duration) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var cut = false
        while clock.now < deadline, !Task.isCancelled {
            if enqueuesInProgress == 0 {
                if !cut {
                    await cutAll()
                    cut = true
                }
                if await lanesAreIdle() { return true }
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return false
    }

    /// Hands what was held back to the shards, in order, including what arrives while doing so.
    private func releaseHeld() async {
        while let samples = held, !samples.isEmpty {
            held = []
            await distribute(samples)
        }
        held = nil
    }

    private func hold(_ samples: [PendingSample]) {
        held!.append(contentsOf: samples)
        let overflow = held!.count - configuration.capacityPerShard * lanes.count
        guard overflow > 0 else { return }
        let points = held![..<overflow].dataPointCount
        held!.removeFirst(overflow)
        metrics.reportDropped(samples: overflow, points: points, reason: .queueFull)
    }

    private func distribute(_ samples: [PendingSample]) async {
        let lanes = self.lanes
        guard lanes.count > 1 else {
            await lanes[0].shard.enqueue(samples)
            return
        }
        var partitions = [[PendingSample]](repeating: [], count: lanes.count)
        for sample in samples {
            partitions[Int(sample.stableSeriesHash % UInt64(lanes.count))].append(sample)
        }
        for (lane, partition) in zip(lanes, partitions) {
            await lane.shard.enqueue(partition)
        }
    }

    private func lanesAreIdle() async -> Bool {
        for lane in lanes where !(await lane.shard.isIdle) { return false }
        return true
    }
}
