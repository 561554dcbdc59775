import Vernier

/// Batches kept as files in a shard's queue directory, so that they survive a restart while the store is
/// down. A batch is written before it is first sent and removed after the store took it.
///
/// At start the directory's batch files are adopted in sequence order; files left half-written by a crash
/// are removed with a logged reason, and so is a file whose checksum fails when it is read for sending.
/// When the files exceed the capacity, the oldest batch not being sent is removed and its samples counted.
final class DiskBatchStore: BatchStore {
    private struct Entry {
        let sequence: UInt64
        let sampleCount: Int
        /// Known for the batches this process wrote; 0 for those adopted.
        let pointCount: Int
        let byteCount: Int
    }

    private let directory: String
    private let capacityBytes: Int
    private var entries: [Entry] = []
    private(set) var sampleCount = 0
    private(set) var pointCount = 0
    private(set) var byteCount = 0
    private(set) var nextSequence: UInt64 = 0

    var isDurable: Bool { true }
    var batchCount: Int { entries.count }
    var samplesInMemory: Int { 0 }
    var isOverCapacity: Bool { byteCount > capacityBytes }

    /// Opens (creating it if needed) the queue directory and adopts the batches a previous process left.
    init(directory: String, capacityBytes: Int) throws(FileSystem.Failure) {
        self.directory = directory
        self.capacityBytes = capacityBytes
        try FileSystem.createDirectory(directory)
        for name in try FileSystem.entries(of: directory).sorted() {
            adopt(name)
        }
    }

    private func adopt(_ name: String) {
        let path = self.path(name)
        if name.hasSuffix(QueueFile.temporaryExtension) {
            discard(path, because: "it was left half-written")
            return
        }
        guard let sequence = QueueFile.sequence(inName: name) else { return }
        do {
            let bytes = try FileSystem.readFile(path)
            let header = try QueueFile.header(of: bytes, fileSize: bytes.count)
            record(Entry(sequence: sequence, sampleCount: header.sampleCount, pointCount: 0, byteCount: bytes.count))
        } catch {
            discard(path, because: "\(error)")
        }
    }

    func append(_ batch: EncodedBatch) throws {
        let name = QueueFile.name(sequence: batch.sequence)
        let bytes = QueueFile.contents(of: batch)
        try FileSystem.writeFileAtomically(bytes, to: path(name), temporaryPath: path(name + QueueFile.temporaryExtension))
        record(Entry(sequence: batch.sequence, sampleCount: batch.sampleCount, pointCount: batch.pointCount, byteCount: bytes.count))
    }

    func oldest(dropped: (_ samples: Int, _ points: Int, RemoteWriteDropReason) -> Void) -> EncodedBatch? {
        while let entry = entries.first {
            let path = self.path(QueueFile.name(sequence: entry.sequence))
            do {
                let batch = try QueueFile.batch(sequence: entry.sequence, from: FileSystem.readFile(path))
                return EncodedBatch(sequence: batch.sequence, sampleCount: batch.sampleCount, pointCount: entry.pointCount, body: batch.body)
            } catch {
                forget(at: 0)
                discard(path, because: "\(error)")
                dropped(entry.sampleCount, entry.pointCount, .corrupt)
            }
        }
        return nil
    }

    func remove(_ sequence: UInt64) {
        guard let index = entries.firstIndex(where: { $0.sequence == sequence }) else { return }
        forget(at: index)
        FileSystem.removeFile(path(QueueFile.name(sequence: sequence)))
    }

    func removeOldest(except protected: UInt64?) -> (samples: Int, points: Int)? {
        guard let index = entries.firstIndex(where: { $0.sequence != protected }) else { return nil }
        let entry = forget(at: index)
        FileSystem.removeFile(path(QueueFile.name(sequence: entry.sequence)))
        return (entry.sampleCount, entry.pointCount)
    }

    private func record(_ entry: Entry) {
        entries.append(entry)
        sampleCount += entry.sampleCount
        pointCount += entry.pointCount
        byteCount += entry.byteCount
        nextSequence = max(nextSequence, entry.sequence + 1)
    }

    @discardableResult
    private func forget(at index: Int) -> Entry {
        let entry = entries.remove(at: index)
        sampleCount -= entry.sampleCount
        pointCount -= entry.pointCount
        byteCount -= entry.byteCount
        return entry
    }

    private func discard(_ path: String, because reason: String) {
        FileSystem.removeFile(path)
        Diagnostics.report(.warning, "remote write: skipped the queued batch '\(path)': \(reason)", key: "remote-write.queue-file." + path)
    }

    private func path(_ name: String) -> String {
        directory + "/" + name
    }
}
