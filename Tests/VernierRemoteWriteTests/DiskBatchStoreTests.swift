import Foundation
import Testing
@testable import VernierRemoteWrite

@Suite("The on-disk queue")
struct DiskBatchStoreTests {
    private func batch(_ sequence: UInt64, samples: Int = 3, size: Int = 100) -> EncodedBatch {
        EncodedBatch(sequence: sequence, sampleCount: samples, body: (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(sequence)) })
    }

    private func noDrops(_ samples: Int, _ points: Int, _ reason: RemoteWriteDropReason) {
        Issue.record("unexpected drop of \(samples) samples: \(reason)")
    }

    @Test func queueFileRoundTripsAndDetectsTearsAndCorruption() throws {
        let original = batch(42)
        let bytes = QueueFile.contents(of: original)
        #expect(bytes.count == QueueFile.headerSize + 100)
        #expect(try QueueFile.batch(sequence: 42, from: bytes) == original)
        #expect(throws: QueueFile.Damage.self) { try QueueFile.batch(sequence: 42, from: Array(bytes.dropLast(10))) }
        var flipped = bytes
        flipped[QueueFile.headerSize + 5] ^= 0xFF
        #expect(throws: QueueFile.Damage.self) { try QueueFile.batch(sequence: 42, from: flipped) }
        #expect(throws: QueueFile.Damage.self) { try QueueFile.batch(sequence: 42, from: Array(bytes.prefix(7))) }
        #expect(QueueFile.name(sequence: 42) == "00000000000000000042.rwb")
        #expect(QueueFile.sequence(inName: "00000000000000000042.rwb") == 42)
        #expect(QueueFile.sequence(inName: "notes.txt") == nil)
    }

    @Test func aSecondStoreOnTheSameDirectoryAdoptsTheBatchesInOrder() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let first = try DiskBatchStore(directory: directory.path + "/shard-0", capacityBytes: 1 << 20)
        for sequence in 0..<3 { try first.append(batch(UInt64(sequence))) }
        first.remove(0)

        let second = try DiskBatchStore(directory: directory.path + "/shard-0", capacityBytes: 1 << 20)
        #expect(second.batchCount == 2)
        #expect(second.sampleCount == 6)
        #expect(second.byteCount == 2 * (QueueFile.headerSize + 100))
        #expect(second.nextSequence == 3)
        #expect(second.oldest(dropped: noDrops) == batch(1))
        second.remove(1)
        #expect(second.oldest(dropped: noDrops) == batch(2))
    }

    @Test func tornAndCorruptFilesAreSkippedAndCounted() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let shard = directory.path + "/shard-0"
        let store = try DiskBatchStore(directory: shard, capacityBytes: 1 << 20)
        for sequence in 0..<3 { try store.append(batch(UInt64(sequence), samples: Int(sequence) + 1)) }
        var corrupt = QueueFile.contents(of: batch(1, samples: 2))
        corrupt[QueueFile.headerSize] ^= 0x01
        try Data(corrupt).write(to: URL(fileURLWithPath: shard + "/" + QueueFile.name(sequence: 1)))
        try Data(QueueFile.contents(of: batch(3)).prefix(50)).write(to: URL(fileURLWithPath: shard + "/" + QueueFile.name(sequence: 3)))
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: shard + "/" + QueueFile.name(sequence: 4) + QueueFile.temporaryExtension))

        let restarted = try DiskBatchStore(directory: shard, capacityBytes: 1 << 20)
        #expect(restarted.batchCount == 3)
        #expect(directory.files(in: "shard-0") == (0..<3).map { QueueFile.name(sequence: UInt64($0)) })
        restarted.remove(0)
        var drops: [(Int, RemoteWriteDropReason)] = []
        let next = restarted.oldest { samples, _, reason in drops.append((samples, reason)) }
        #expect(next == batch(2, samples: 3))
        #expect(drops.map(\.0) == [2])
        #expect(drops.map(\.1) == [.corrupt])
        #expect(directory.files(in: "shard-0") == [QueueFile.name(sequence: 2)])
    }

    @Test func removingTheOldestSparesTheBatchBeingSent() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try DiskBatchStore(directory: directory.path + "/q", capacityBytes: 2 * (QueueFile.headerSize + 100))
        try store.append(batch(0))
        try store.append(batch(1))
        #expect(!store.isOverCapacity)
        try store.append(batch(2))
        #expect(store.isOverCapacity)
        #expect(store.removeOldest(except: 0)?.samples == 3)
        #expect(!store.isOverCapacity)
        #expect(directory.files(in: "q") == [QueueFile.name(sequence: 0), QueueFile.name(sequence: 2)])
    }
}
