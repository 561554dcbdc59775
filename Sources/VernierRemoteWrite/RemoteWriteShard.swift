import Vernier

/// One lane of the remote-write queue: the samples of the series hashed to it, cut into batches of at most
/// `maxSamplesPerSend` (or whatever waited `batchSendDeadline`), sent one at a time in order, so that every
/// series' samples reach the store in timestamp order, also across retries.
///
/// Holds at most `capacityPerShard` samples in memory (the on-disk queue has its own byte limit); when
/// full, the oldest go first and are counted as dropped.
actor RemoteWriteShard {
    private let index: Int
    private let maxSamplesPerSend: Int
    private let batchSendDeadline: Duration
    private let capacity: Int
    private let includesMetadata: Bool
    private let delivery: BatchDelivery
    private let metrics: RemoteWriteSelfMetrics
    private let store: any BatchStore
    private let doorbell: AsyncStream<Void>
    private let ring: AsyncStream<Void>.Continuation
    private let clock = ContinuousClock()

    private var pending: [PendingSample] = []
    private var pendingSince: ContinuousClock.Instant?
    private var deadlineTimer: Task<Void, Never>?
    private var sending: UInt64?
    private var bodyBuffers = RequestBodyBuffers()

    /// Creates shard `index`, adopting the batches its queue directory holds from an earlier process.
    init(index: Int, configuration: RemoteWriteConfiguration, delivery: BatchDelivery, metrics: RemoteWriteSelfMetrics) {
        self.index = index
        maxSamplesPerSend = configuration.maxSamplesPerSend
        batchSendDeadline = configuration.batchSendDeadline
        capacity = configuration.capacityPerShard
        includesMetadata = configuration.sendsMetadata
        self.delivery = delivery
        self.metrics = metrics
        store = Self.makeStore(index: index, configuration: configuration)
        (doorbell, ring) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        metrics.recordQueue(shard: index, samples: store.sampleCount, bytes: store.byteCount)
        if store.batchCount > 0 { ring.yield() }
    }

    private static func makeStore(index: Int, configuration: RemoteWriteConfiguration) -> any BatchStore {
        guard let directory = configuration.queueDirectory else { return MemoryBatchStore() }
        do {
            return try DiskBatchStore(directory: ShardDirectory.path(of: index, in: directory),
                                      capacityBytes: configuration.queueDirectoryCapacityBytes)
        } catch {
            Diagnostics.warn("remote write: the on-disk queue is unusable (\(error)); batches stay in memory")
            return MemoryBatchStore()
        }
    }

    /// Sends batches as they are cut, until the task is cancelled or `stop()` is called.
    func run() async {
        for await _ in doorbell {
            cutIfDue()
            while let batch = store.oldest(dropped: drop) {
                sending = batch.sequence
                let outcome = await delivery.deliver(batch)
                sending = nil
                guard outcome != .interrupted else {
                    publishQueue()
                    return
                }
                store.remove(batch.sequence)
                publishQueue()
                cutIfDue()
            }
            publishQueue()
        }
    }

    /// Queues the samples of one export, cutting full batches at once.
    func enqueue(_ samples: [PendingSample]) {
        guard !samples.isEmpty else { return }
        pending.append(contentsOf: samples)
        if pendingSince == nil {
            pendingSince = clock.now
            scheduleDeadline(after: batchSendDeadline)
        }
        while pending.count >= maxSamplesPerSend {
            cut(maxSamplesPerSend)
        }
        enforceCapacity()
        publishQueue()
        ring.yield()
    }

    /// Cuts everything pending into batches now, for a flush.
    func cutAll() {
        while !pending.isEmpty {
            cut(min(maxSamplesPerSend, pending.count))
        }
        enforceCapacity()
        publishQueue()
        ring.yield()
    }

    /// Whether nothing is pending, queued or being sent.
    var isIdle: Bool {
        pending.isEmpty && store.batchCount == 0
    }

    /// The samples pending or queued, the batch being sent included.
    var queuedSamples: Int {
        pending.count + store.sampleCount
    }

    /// Ends sending and accounts for what is left: in memory it is counted as dropped, on disk it stays
    /// for the next process.
    func stop() {
        ring.finish()
        deadlineTimer?.cancel()
        let left = pending.count + store.sampleCount
        let leftPoints = pending.dataPointCount + store.pointCount
        guard left > 0 else { return }
        if store.isDurable {
            cutAll()
            Diagnostics.warn("remote write: \(store.batchCount) batches (\(store.sampleCount) samples) stay in the queue directory for the next start")
        } else {
            pending.removeAll()
            while store.removeOldest(except: nil) != nil {}
            drop(left, points: leftPoints, .shutdown)
            Diagnostics.warn("remote write: \(left) samples were not delivered before shutdown")
        }
        publishQueue()
    }

    private func cutIfDue() {
        guard let since = pendingSince, since.duration(to: clock.now) >= batchSendDeadline else { return }
        while !pending.isEmpty {
            cut(min(maxSamplesPerSend, pending.count))
        }
    }

    private func deadlineReached() {
        deadlineTimer = nil
        guard let since = pendingSince else { return }
        let waited = since.duration(to: clock.now)
        if waited >= batchSendDeadline {
            ring.yield()
        } else {
            scheduleDeadline(after: batchSendDeadline - waited)
        }
    }

    private func scheduleDeadline(after delay: Duration) {
        guard deadlineTimer == nil else { return }
        deadlineTimer = Task { [weak self] in
            try? await Task.sleep(for: delay)
            await self?.deadlineReached()
        }
    }

    /// Moves the first `count` pending samples into a batch in the store.
    private func cut(_ count: Int) {
        let samples = pending[..<count]
        do {
            try store.append(EncodedBatch(
                sequence: store.nextSequence, samples: samples, includesMetadata: includesMetadata, buffers: &bodyBuffers))
        } catch let error as RemoteWriteEncodingError {
            drop(count, points: samples.dataPointCount, .encoding)
            Diagnostics.report(.error, "remote write: a batch could not be encoded: \(error)", key: "remote-write.encoding")
        } catch {
            drop(count, points: samples.dataPointCount, .queueWrite)
            Diagnostics.report(.error, "remote write: a batch could not be queued: \(error)", key: "remote-write.queue-write")
        }
        pending.removeFirst(count)
        pendingSince = pending.isEmpty ? nil : pendingSince
    }

    /// Drops the oldest batches, then the oldest pending samples, until the shard is within its limits.
    private func enforceCapacity() {
        while store.isOverCapacity, let removed = store.removeOldest(except: sending) {
            drop(removed.samples, points: removed.points, .queueFull)
        }
        while pending.count + store.samplesInMemory > capacity, store.samplesInMemory > 0,
              let removed = store.removeOldest(except: sending) {
            drop(removed.samples, points: removed.points, .queueFull)
        }
        let overflow = min(pending.count, pending.count + store.samplesInMemory - capacity)
        if overflow > 0 {
            let points = pending[..<overflow].dataPointCount
            pending.removeFirst(overflow)
            drop(overflow, points: points, .queueFull)
        }
    }

    private func drop(_ samples: Int, points: Int, _ reason: RemoteWriteDropReason) {
        metrics.reportDropped(samples: samples, points: points, reason: reason)
    }

    private func publishQueue() {
        metrics.recordQueue(shard: index, samples: queuedSamples, bytes: store.byteCount)
    }
}
