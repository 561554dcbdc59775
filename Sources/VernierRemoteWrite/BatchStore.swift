/// Where a shard keeps the batches it has cut and not yet delivered, oldest first: in memory, or in the
/// on-disk queue directory. A shard's actor owns its store; nothing else touches it.
protocol BatchStore: AnyObject {
    /// Whether the batches outlive the process.
    var isDurable: Bool { get }
    /// The batches held.
    var batchCount: Int { get }
    /// The samples of the batches held that count against the shard's in-memory capacity.
    var samplesInMemory: Int { get }
    /// The samples of every batch held.
    var sampleCount: Int { get }
    /// The metric data points the samples of every batch held complete.
    var pointCount: Int { get }
    /// The compressed bytes of every batch held.
    var byteCount: Int { get }
    /// The number the next batch gets, after every batch already held.
    var nextSequence: UInt64 { get }

    /// Keeps `batch` after the others.
    func append(_ batch: EncodedBatch) throws
    /// The oldest batch; nil when empty. Unreadable batches are removed and their samples and points reported
    /// to `dropped` on the way.
    func oldest(dropped: (_ samples: Int, _ points: Int, RemoteWriteDropReason) -> Void) -> EncodedBatch?
    /// Forgets the batch numbered `sequence`, after delivery or rejection.
    func remove(_ sequence: UInt64)
    /// Removes the oldest batch other than `protected` (the one being sent) and returns its sample and point
    /// counts; nil when there is none.
    func removeOldest(except protected: UInt64?) -> (samples: Int, points: Int)?
    /// Whether the store holds more than its own limit allows.
    var isOverCapacity: Bool { get }
}
