/// Batches kept in memory; their samples count against the shard's capacity, which the shard enforces.
final class MemoryBatchStore: BatchStore {
    private var batches: [EncodedBatch] = []
    private(set) var sampleCount = 0
    private(set) var pointCount = 0
    private(set) var byteCount = 0
    private(set) var nextSequence: UInt64 = 0

    var isDurable: Bool { false }
    var batchCount: Int { batches.count }
    var samplesInMemory: Int { sampleCount }
    var isOverCapacity: Bool { false }

    func append(_ batch: EncodedBatch) {
        batches.append(batch)
        sampleCount += batch.sampleCount
        pointCount += batch.pointCount
        byteCount += batch.body.count
        nextSequence = batch.sequence + 1
    }

    func oldest(dropped: (_ samples: Int, _ points: Int, RemoteWriteDropReason) -> Void) -> EncodedBatch? {
        batches.first
    }

    func remove(_ sequence: UInt64) {
        guard let index = batches.firstIndex(where: { $0.sequence == sequence }) else { return }
        forget(at: index)
    }

    func removeOldest(except protected: UInt64?) -> (samples: Int, points: Int)? {
        guard let index = batches.firstIndex(where: { $0.sequence != protected }) else { return nil }
        let batch = forget(at: index)
        return (batch.sampleCount, batch.pointCount)
    }

    @discardableResult
    private func forget(at index: Int) -> EncodedBatch {
        let batch = batches.remove(at: index)
        sampleCount -= batch.sampleCount
        pointCount -= batch.pointCount
        byteCount -= batch.body.count
        return batch
    }
}
