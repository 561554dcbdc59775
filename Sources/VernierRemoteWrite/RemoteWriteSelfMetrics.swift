import Synchronization
import Vernier
import VernierConcurrency

/// The exporter's own instruments; every series carries `otel.component.type` `prometheus_remote_write_exporter`
/// and the exporter's `otel.component.name`.
///
/// The OpenTelemetry semantic conventions' exporter metrics, a batch request being one export operation:
/// `otel.sdk.exporter.metric_data_point.inflight` and `.exported` (`error.type` on the points given up: the
/// store's status for a request it refused, otherwise the `RemoteWriteDropReason`), and
/// `otel.sdk.exporter.operation.duration` (from a request's first attempt to its outcome, with the store's
/// `http.response.status_code`). A point is exported with the sample that completes it: its only sample, or
/// a histogram's `_count`.
///
/// What the conventions leave out, in the same shape under `vernier.sdk.exporter.*`: `sample.exported` (a
/// histogram point is a sample per bucket plus `_sum` and `_count`) and `sample.retried`, `sample.inflight`
/// (queued or being sent), `queue.size` (compressed bytes queued), `shard.active` and `shard.desired`, and
/// `last_success.time`.
///
/// Shards report into it from the start; the instruments exist once the exporter is attached to a provider,
/// and reports before that are not kept. Every outcome series starts at zero when attached (one per
/// `error.type`), so that dashboards show 0 rather than no data until something goes wrong.
final class RemoteWriteSelfMetrics: Sendable {
    /// The series of one count of finished items: delivered, or given up with an `error.type`.
    private struct Outcomes: Sendable {
        let counter: Counter<Int>
        let attributes: Attributes
        let delivered: BoundCounter<Int>
        let givenUp: [String: BoundCounter<Int>]

        /// Binds the delivered series and one per drop reason.
        init(_ counter: Counter<Int>, attributes: Attributes) {
            self.counter = counter
            self.attributes = attributes
            delivered = counter.bind(attributes)
            givenUp = Dictionary(uniqueKeysWithValues: RemoteWriteDropReason.allCases.map { reason in
                (reason.rawValue, counter.bind(attributes.merging(["error.type": .string(reason.rawValue)])))
            })
        }

        func add(_ count: Int, givenUpBecause errorType: String) {
            guard count > 0 else { return }
            if let series = givenUp[errorType] {
                series.add(count)
            } else {
                counter.add(count, attributes: attributes.merging(["error.type": .string(errorType)]))
            }
        }
    }

    private struct Instruments: Sendable {
        let pointsInflight: BoundUpDownCounter<Int>
        let points: Outcomes
        let samples: Outcomes
        let samplesRetried: BoundCounter<Int>
        let operationDuration: Histogram<Double>
        let lastSuccess: BoundGauge<Double>
    }

    /// What one shard holds, for the queue instruments.
    private struct QueueState {
        var samples = 0
        var bytes = 0
    }

    private let component = SDKComponent(type: "prometheus_remote_write_exporter")

    private let instruments = MutexBox<Instruments?>(nil)
    private let queues = MutexBox<[Int: QueueState]>([:])
    private let runningShards = Atomic<Int>(0)
    private let desiredShards = Atomic<Int>(0)

    /// Creates the instruments on `meter`.
    func attach(to meter: Meter) throws {
        let attributes = component.attributes
        let created = Instruments(
            pointsInflight: try meter.sdkExporterInflight(item: "metric_data_point", unit: "{data_point}").bind(attributes),
            points: Outcomes(try meter.sdkExporterExported(item: "metric_data_point", unit: "{data_point}"), attributes: attributes),
            samples: Outcomes(try meter.counter(
                "vernier.sdk.exporter.sample.exported", unit: "{sample}",
                description: "Samples whose delivery finished; those given up carry error.type."), attributes: attributes),
            samplesRetried: try meter.counter(
                "vernier.sdk.exporter.sample.retried", unit: "{sample}",
                description: "Samples sent again after a failed attempt.").bind(attributes),
            operationDuration: try meter.sdkExporterOperationDuration(),
            lastSuccess: try meter.gauge(
                "vernier.sdk.exporter.last_success.time", unit: "s",
                description: "When the store last accepted a request, in seconds since the epoch.").bind(attributes)
        )
        try observe("vernier.sdk.exporter.sample.inflight", unit: "{sample}",
                    description: "Samples queued or being sent, on disk included.", on: meter) { [self] in
            queues.withLock { $0.values.reduce(0) { $0 + $1.samples } }
        }
        try observe("vernier.sdk.exporter.queue.size", unit: "By",
                    description: "Compressed bytes of the batches queued or being sent.", on: meter) { [self] in
            queues.withLock { $0.values.reduce(0) { $0 + $1.bytes } }
        }
        try observe("vernier.sdk.exporter.shard.active", unit: "{shard}",
                    description: "Shards sending in parallel, each over its own connection.", on: meter) { [self] in
            runningShards.load(ordering: .relaxed)
        }
        try observe("vernier.sdk.exporter.shard.desired", unit: "{shard}",
                    description: "The shard count the measured rates call for, within the configured bounds.", on: meter) { [self] in
            desiredShards.load(ordering: .relaxed)
        }
        instruments.withLock { $0 = created }
    }

    private func observe(
        _ name: String, unit: String, description: String, on meter: Meter, value: @escaping @Sendable () -> Int
    ) throws {
        let attributes = component.attributes
        try meter.observableUpDownCounter(name, unit: unit, description: description, valueType: Int.self) { observer in
            observer.observe(value(), attributes: attributes)
        }
    }

    /// Counts points handed to the exporter, in flight until their samples are delivered or given up.
    func recordPassed(points: Int) {
        instruments.withLock { $0 }?.pointsInflight.add(points)
    }

    /// Records a request the store accepted, how long it took and the store's status.
    func recordDelivered(_ batch: EncodedBatch, seconds: Double, statusCode: Int, at time: Timestamp) {
        guard let instruments = instruments.withLock({ $0 }) else { return }
        instruments.samples.delivered.add(batch.sampleCount)
        instruments.points.delivered.add(batch.pointCount)
        instruments.pointsInflight.add(-batch.pointCount)
        instruments.operationDuration.record(seconds, attributes: component.attributes.merging(
            ["http.response.status_code": .int(Int64(statusCode))]))
        instruments.lastSuccess.record(time.secondsSinceEpoch)
    }

    /// Records a request given up for good: how long it took and its samples and points, with the store's
    /// status as `error.type` when it answered, `rejected` when the request could not be sent at all.
    func recordRejected(_ batch: EncodedBatch, seconds: Double, statusCode: Int?) {
        let errorType = statusCode.map(String.init) ?? RemoteWriteDropReason.rejected.rawValue
        var attributes = component.attributes.merging(["error.type": .string(errorType)])
        if let statusCode {
            attributes = attributes.merging(["http.response.status_code": .int(Int64(statusCode))])
        }
        instruments.withLock { $0 }?.operationDuration.record(seconds, attributes: attributes)
        recordGivenUp(samples: batch.sampleCount, points: batch.pointCount, errorType: errorType)
    }

    /// Records samples sent again after failed attempts.
    func recordRetried(samples: Int) {
        guard samples > 0 else { return }
        instruments.withLock { $0 }?.samplesRetried.add(samples)
    }

    /// Records samples, and the points they complete, given up for good.
    func recordDropped(samples: Int, points: Int, reason: RemoteWriteDropReason) {
        recordGivenUp(samples: samples, points: points, errorType: reason.rawValue)
    }

    private func recordGivenUp(samples: Int, points: Int, errorType: String) {
        guard samples > 0 || points > 0, let instruments = instruments.withLock({ $0 }) else { return }
        instruments.samples.add(samples, givenUpBecause: errorType)
        instruments.points.add(points, givenUpBecause: errorType)
        instruments.pointsInflight.add(-points)
    }

    /// Records samples and points given up for good and logs why (rate-limited per reason).
    func reportDropped(samples: Int, points: Int, reason: RemoteWriteDropReason) {
        recordDropped(samples: samples, points: points, reason: reason)
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
