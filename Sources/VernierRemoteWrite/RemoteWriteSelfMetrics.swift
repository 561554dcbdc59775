import Synchronization
import Vernier

/// The exporter's own instruments (`vernier.exporter.*`, attribute `exporter` = `remote_write`): samples
/// sent, failed, retried and dropped by reason, queue length and bytes, last success time, send duration,
/// and the shard count running and wanted.
///
/// Shards report into it from the start; the instruments exist once the exporter is attached to a provider,
/// and reports before that are not kept. Every series starts at zero when attached (a dropped series per
/// reason), so that dashboards show 0 rather than no data until something goes wrong.
final class RemoteWriteSelfMetrics: Sendable {
    private struct Instruments: Sendable {
        let sent: BoundCounter<Int>
        let failed: BoundCounter<Int>
        let retried: BoundCounter<Int>
        let dropped: [RemoteWriteDropReason: BoundCounter<Int>]
        let lastSuccess: Gauge<Double>
        let sendDuration: BoundHistogram<Double>
    }

    /// What one shard holds, for the queue gauges.
    private struct QueueState {
        var samples = 0
        var bytes = 0
    }

    static let attributes: Attributes = ["exporter": "remote_write"]

    private let instruments = Mutex<Instruments?>(nil)
    private let queues = Mutex<[Int: QueueState]>([:])
    private let runningShards = Atomic<Int>(0)
    private let desiredShards = Atomic<Int>(0)

    /// Creates the instruments on `meter`.
    func attach(to meter: Meter) throws {
        let attributes = Self.attributes
        let droppedCounter = try meter.counter("vernier.exporter.samples.dropped", unit: "{sample}",
                                               description: "Samples given up for good, by reason.")
        let created = Instruments(
            sent: try meter.counter("vernier.exporter.samples.sent", unit: "{sample}",
                                    description: "Samples the remote-write store accepted.").bind(attributes),
            failed: try meter.counter("vernier.exporter.samples.failed", unit: "{sample}",
                                      description: "Samples of request attempts that failed, counted once per failed attempt.").bind(attributes),
            retried: try meter.counter("vernier.exporter.samples.retried", unit: "{sample}",
                                       description: "Samples sent again after a failed attempt.").bind(attributes),
            dropped: Dictionary(uniqueKeysWithValues: RemoteWriteDropReason.allCases.map { reason in
                (reason, droppedCounter.bind(attributes.merging(["reason": .string(reason.rawValue)])))
            }),
            lastSuccess: try meter.gauge("vernier.exporter.last_success.time", unit: "s",
                                         description: "When the remote-write store last accepted a request, in seconds since the epoch."),
            sendDuration: try meter.histogram("vernier.exporter.send.duration", unit: "s",
                                              description: "Time taken to deliver one request, retries included.",
                                              boundaries: HistogramBoundaries.durationSeconds).bind(attributes)
        )
        try meter.observableGauge("vernier.exporter.queue.length", unit: "{sample}",
                                  description: "Samples waiting in the remote-write queue, the batch being sent included.",
                                  valueType: Int.self) { [self] observer in
            observer.observe(queues.withLock { $0.values.reduce(0) { $0 + $1.samples } }, attributes: attributes)
        }
        try meter.observableGauge("vernier.exporter.queue.bytes", unit: "By",
                                  description: "Compressed bytes of the batches waiting in the remote-write queue.",
                                  valueType: Int.self) { [self] observer in
            observer.observe(queues.withLock { $0.values.reduce(0) { $0 + $1.bytes } }, attributes: attributes)
        }
        try meter.observableGauge("vernier.exporter.shards", unit: "{shard}",
                                  description: "Remote-write shards sending in parallel, each over its own connection.",
                                  valueType: Int.self) { [self] observer in
            observer.observe(runningShards.load(ordering: .relaxed), attributes: attributes)
        }
        try meter.observableGauge("vernier.exporter.shards.desired", unit: "{shard}",
                                  description: "The remote-write shard count the measured rates call for, within the configured bounds.",
                                  valueType: Int.self) { [self] observer in
            observer.observe(desiredShards.load(ordering: .relaxed), attributes: attributes)
        }
        instruments.withLock { $0 = created }
    }

    /// Records a request the store accepted, and how long it took.
    func recordDelivered(samples: Int, seconds: Double, at time: Timestamp) {
        guard let instruments = instruments.withLock({ $0 }) else { return }
        instruments.sent.add(samples)
        instruments.sendDuration.record(seconds)
        instruments.lastSuccess.record(time.secondsSinceEpoch, attributes: Self.attributes)
    }

    /// Records failed attempts of a request, and the retries among them.
    func recordAttempts(samples: Int, failed: Int, retried: Int) {
        guard let instruments = instruments.withLock({ $0 }) else { return }
        instruments.failed.add(samples * failed)
        instruments.retried.add(samples * retried)
    }

    /// Records samples given up for good.
    func recordDropped(samples: Int, reason: RemoteWriteDropReason) {
        guard samples > 0, let instruments = instruments.withLock({ $0 }) else { return }
        instruments.dropped[reason]?.add(samples)
    }

    /// Records samples given up for good and logs why (rate-limited per reason).
    func reportDropped(samples: Int, reason: RemoteWriteDropReason) {
        recordDropped(samples: samples, reason: reason)
        Diagnostics.report(.warning, "remote write dropped \(samples) samples: \(reason.explanation)", key: "remote-write.drop." + reason.rawValue)
    }

    /// Records what shard `index` holds now.
    func recordQueue(shard index: Int, samples: Int, bytes: Int) {
        queues.withLock { $0[index] = QueueState(samples: samples, bytes: bytes) }
    }

    /// Forgets shard `index`, which stopped after the shard count went down.
    func forgetQueue(shard index: Int) {
        queues.withLock { _ = $0.removeValue(forKey: index) }
    }

    /// Records how many shards run, and how many the last measurement called for.
    func recordShards(running: Int, desired: Int) {
        runningShards.store(running, ordering: .relaxed)
        desiredShards.store(desired, ordering: .relaxed)
    }
}
